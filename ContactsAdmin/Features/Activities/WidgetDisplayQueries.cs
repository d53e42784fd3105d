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
        await db.Database.OpenConnectionAsync(ct);
        var displays = Displays(db, contactId);
        // Per widget, a range count and a max() that seeks to the last entry on the (ContactId, WidgetId, OccurredAt)
        // index: a tenth of the work of grouping the contact's displays by widget, which compares max() on every one.
        var totals = (await db.Widgets.AsNoTracking().OrderBy(w => w.Id)
                .Select(w => new
                {
                    Widget = w,
                    Count = displays.Count(a => a.WidgetId == w.Id),
                    Last = displays.Where(a => a.WidgetId == w.Id).Max(a => (DateTime?)a.OccurredAt),
                })
                .ToListAsync(ct))
            .Where(t => t.Count > 0)
            .ToList();
        if (totals.Count == 0) return [];

        // The current periods: today and this week in the contact's zone, and the visitor's latest session.
        var now = clock.GetUtcNow().UtcDateTime;
        var latestSession = await displays.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Select(a => a.SessionId).FirstOrDefaultAsync(ct);
        var weekStart = LocalDays.StartUtc(LocalDays.WeekStart(LocalDays.DayOf(now, contactZone)), contactZone);
        var recent = await RecentAsync(displays, totals.Select(t => t.Widget).ToList(), weekStart, latestSession, ct);

        return totals
            .Select(t =>
            {
                var kind = t.Widget.FrequencyPeriod;
                var current = WidgetFrequency.CurrentPeriod(kind, now, latestSession, contactZone);
                var shown = kind switch
                {
                    WidgetFrequencyPeriod.Lifetime => t.Count,
                    WidgetFrequencyPeriod.Session when latestSession is null => 0,
                    _ => recent.Count(r => r.WidgetId == t.Widget.Id && WidgetFrequency.PeriodOf(kind, r.OccurredAt, r.SessionId, contactZone) == current),
                };
                return new WidgetStanding(t.Widget, shown, t.Count, t.Last!.Value);
            })
            .OrderByDescending(s => s.LastShownAt)
            .ToList();
    }

    /// <summary>
    /// The displays that can fall in a current period: since the week began, and those of the latest session. Read as
    /// seeks on the (ContactId, WidgetId, OccurredAt) index: displays from a little before the week's first midnight
    /// on (a DST change can put an instant before that midnight on the week's first day; no change is 3 hours), and
    /// the older ones of the latest session only for widgets limited per session (for the others they are in past
    /// days and weeks). Asking for "since the week began or in the latest session" in one condition would read
    /// every display of the contact.
    /// </summary>
    private static async Task<List<RecentDisplay>> RecentAsync(
        IQueryable<Activity> displays, IReadOnlyList<Widget> widgets, DateTime weekStart, string? latestSession, CancellationToken ct)
    {
        var since = weekStart.AddHours(-3);
        var ids = widgets.Select(w => w.Id).ToList();
        var recent = displays.Where(a => ids.Contains(a.WidgetId!.Value) && a.OccurredAt >= since);
        var perSession = widgets.Where(w => w.FrequencyPeriod == WidgetFrequencyPeriod.Session).Select(w => w.Id).ToList();
        if (latestSession is not null && perSession.Count > 0)
            recent = recent.Concat(displays.Where(a => perSession.Contains(a.WidgetId!.Value) && a.SessionId == latestSession && a.OccurredAt < since));
        var loaded = await recent.Select(a => new { WidgetId = a.WidgetId!.Value, a.OccurredAt, a.SessionId }).ToListAsync(ct);
        // The same displays as "since the week began or in the latest session" counts against the current periods.
        return [.. loaded.Where(r => r.OccurredAt >= weekStart || (latestSession is not null && r.SessionId == latestSession))
            .Select(r => new RecentDisplay(r.WidgetId, r.OccurredAt, r.SessionId))];
    }

    private sealed record RecentDisplay(int WidgetId, DateTime OccurredAt, string? SessionId);

    /// <summary>
    /// Where each widget display among <paramref name="rows"/> stands in its period. Loads, in one statement, the
    /// displays of the periods the rows fall in, per widget: their sessions, the days or weeks they span, or (for a
    /// lifetime limit) every display of the widget.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<long, WidgetDisplayMark>> MarksAsync(
        AppDbContext db, long contactId, IReadOnlyList<(ActivityRow Row, Widget? Widget)> rows, TimeZoneInfo contactZone, CancellationToken ct)
    {
        var byWidget = rows.Where(r => r.Widget is not null).GroupBy(r => r.Widget!.Id)
            .Select(g => (Widget: g.First().Widget!, OnPage: g.Select(r => r.Row).ToList())).ToList();
        if (byWidget.Count == 0) return new Dictionary<long, WidgetDisplayMark>();

        IQueryable<WidgetDisplayOf>? periods = null;
        foreach (var (widget, onPage) in byWidget)
        {
            var widgetId = widget.Id;
            var displays = Displays(db, contactId).Where(a => a.WidgetId == widgetId);
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
            var ofWidget = displays.Select(a => new WidgetDisplayOf { WidgetId = a.WidgetId!.Value, Id = a.Id, OccurredAt = a.OccurredAt, SessionId = a.SessionId });
            periods = periods is null ? ofWidget : periods.Concat(ofWidget);
        }
        var loaded = (await periods!.ToListAsync(ct)).ToLookup(d => d.WidgetId, d => new WidgetDisplay(d.Id, d.OccurredAt, d.SessionId));

        var marks = new Dictionary<long, WidgetDisplayMark>();
        foreach (var (widget, onPage) in byWidget)
        {
            var widgetMarks = WidgetFrequency.Mark(widget, loaded[widget.Id], contactZone);
            foreach (var row in onPage)
            {
                if (widgetMarks.TryGetValue(row.Id, out var mark)) marks[row.Id] = mark;
            }
        }
        return marks;
    }

    // Set with initializers, not a constructor: EF can put together (UNION ALL) projections it maps column by column.
    private sealed class WidgetDisplayOf
    {
        public int WidgetId { get; init; }
        public long Id { get; init; }
        public DateTime OccurredAt { get; init; }
        public string? SessionId { get; init; }
    }

    // A widget display is an activity with a widget; the partial index (ContactId, WidgetId, OccurredAt) holds just those.
    private static IQueryable<Activity> Displays(AppDbContext db, long contactId) =>
        db.Activities.AsNoTracking().Where(a => a.ContactId == contactId && a.WidgetId != null);
}
