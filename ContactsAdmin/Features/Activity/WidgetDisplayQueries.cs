using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Activities;

/// <summary>A widget the contact was shown, and how often in the current period against its limit.</summary>
public sealed record WidgetStanding(Widget Widget, int ShownInCurrentPeriod, int TotalDisplays, DateTime LastShownAt)
{
    public bool IsBeyondLimit => ShownInCurrentPeriod > Widget.FrequencyLimit;

    /// <summary>"shown 4 of 3 today".</summary>
    public string Shown => WidgetFrequencyText.Shown(ShownInCurrentPeriod, Widget.FrequencyLimit, Widget.FrequencyPeriod);
}

/// <summary>
/// Widget displays against their frequency (<see cref="WidgetFrequency"/>): where each display on a page
/// stands, and where each widget stands now. Reads only the displays of the periods in question.
/// </summary>
public sealed class WidgetDisplayQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Every widget the contact was shown, with its displays in the current period (in the contact's zone).</summary>
    public async Task<IReadOnlyList<WidgetStanding>> StandingsAsync(long contactId, TimeZoneInfo contactZone, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var displays = Displays(db, contactId);
        var totals = await displays
            .GroupBy(a => a.WidgetId!.Value)
            .Select(g => new { WidgetId = g.Key, Count = g.Count(), Last = g.Max(a => a.OccurredAt) })
            .ToListAsync(ct);
        if (totals.Count == 0) return [];

        var ids = totals.Select(t => t.WidgetId).ToList();
        var widgets = await db.Widgets.AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);

        // The current periods: today and this week in the contact's zone, and the visitor's latest session.
        var now = clock.GetUtcNow().UtcDateTime;
        var latestSession = await displays.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Select(a => a.SessionId).FirstOrDefaultAsync(ct);
        var weekStart = LocalDays.StartUtc(LocalDays.WeekStart(LocalDays.DayOf(now, contactZone)), contactZone);
        var recent = await displays
            .Where(a => a.OccurredAt >= weekStart || (latestSession != null && a.SessionId == latestSession))
            .Select(a => new { WidgetId = a.WidgetId!.Value, a.OccurredAt, a.SessionId })
            .ToListAsync(ct);

        return totals
            .Where(t => widgets.ContainsKey(t.WidgetId))
            .Select(t =>
            {
                var widget = widgets[t.WidgetId];
                var kind = widget.FrequencyPeriod;
                var current = WidgetFrequency.CurrentPeriod(kind, now, latestSession, contactZone);
                var shown = kind switch
                {
                    WidgetFrequencyPeriod.Lifetime => t.Count,
                    WidgetFrequencyPeriod.Session when latestSession is null => 0,
                    _ => recent.Count(r => r.WidgetId == t.WidgetId && WidgetFrequency.PeriodOf(kind, r.OccurredAt, r.SessionId, contactZone) == current),
                };
                return new WidgetStanding(widget, shown, t.Count, t.Last);
            })
            .OrderByDescending(s => s.LastShownAt)
            .ToList();
    }

    /// <summary>
    /// Where each widget display among <paramref name="rows"/> stands in its period. Loads, per widget, the
    /// displays of the periods the rows fall in: their sessions, the days or weeks they span, or (for a lifetime
    /// limit) every display of the widget.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<long, WidgetDisplayMark>> MarksAsync(
        AppDbContext db, long contactId, IReadOnlyList<ActivityRow> rows, TimeZoneInfo contactZone, CancellationToken ct)
    {
        var shown = rows.Where(r => r.WidgetId is not null).ToList();
        if (shown.Count == 0) return new Dictionary<long, WidgetDisplayMark>();

        var ids = shown.Select(r => r.WidgetId!.Value).Distinct().ToList();
        var widgets = await db.Widgets.AsNoTracking().Where(w => ids.Contains(w.Id)).ToListAsync(ct);
        var marks = new Dictionary<long, WidgetDisplayMark>();
        foreach (var widget in widgets)
        {
            var onPage = shown.Where(r => r.WidgetId == widget.Id).ToList();
            var displays = Displays(db, contactId).Where(a => a.WidgetId == widget.Id);
            switch (widget.FrequencyPeriod)
            {
                case WidgetFrequencyPeriod.Session:
                    var sessions = onPage.Select(r => r.SessionId).OfType<string>().Distinct().ToList();
                    displays = displays.Where(a => a.SessionId != null && sessions.Contains(a.SessionId));
                    break;
                case WidgetFrequencyPeriod.Day or WidgetFrequencyPeriod.Week:
                    var firstDays = onPage.Select(r => WidgetFrequency.PeriodOf(widget.FrequencyPeriod, r.OccurredAt, r.SessionId, contactZone).FirstDay!.Value).ToList();
                    var from = LocalDays.StartUtc(firstDays.Min(), contactZone);
                    var to = LocalDays.StartUtc(firstDays.Max().AddDays(widget.FrequencyPeriod == WidgetFrequencyPeriod.Day ? 1 : 7), contactZone);
                    displays = displays.Where(a => a.OccurredAt >= from && a.OccurredAt < to);
                    break;
            }
            var loaded = await displays.Select(a => new WidgetDisplay(a.Id, a.OccurredAt, a.SessionId)).ToListAsync(ct);
            var widgetMarks = WidgetFrequency.Mark(widget, loaded, contactZone);
            foreach (var row in onPage)
            {
                if (widgetMarks.TryGetValue(row.Id, out var mark)) marks[row.Id] = mark;
            }
        }
        return marks;
    }

    // A widget display is an activity with a widget; the partial index (ContactId, WidgetId, OccurredAt) holds just those.
    private static IQueryable<Activity> Displays(AppDbContext db, long contactId) =>
        db.Activities.AsNoTracking().Where(a => a.ContactId == contactId && a.WidgetId != null);
}
