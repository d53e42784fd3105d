using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Activities;

/// <summary>
/// The widget panel and the grid's marks read only the displays of the periods in question; they must give what
/// the frequency rule gives when applied in .NET to every display of the contact, in any time zone, at any moment
/// (midnights, Mondays, DST changes).
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class WidgetDisplayQueriesRuleTests : StoreTest
{
    private Contact contact = null!;
    private List<Widget> widgets = null!;
    private List<Activity> activities = null!;

    private static readonly DateTime First = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Last = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        contact = await Store.ContactAsync();
        var other = await Store.ContactAsync();
        widgets =
        [
            await Store.WidgetAsync(WidgetFrequencyPeriod.Session, 2, "Per session"),
            await Store.WidgetAsync(WidgetFrequencyPeriod.Day, 2, "Daily"),
            await Store.WidgetAsync(WidgetFrequencyPeriod.Week, 3, "Weekly"),
            await Store.WidgetAsync(WidgetFrequencyPeriod.Lifetime, 4, "Once"),
            await Store.WidgetAsync(WidgetFrequencyPeriod.Day, 1, "Never shown"),
        ];

        // Visits: a session of a few displays within an hour, at random through the year, with other activity between;
        // now and then a display without a session. Denser around the moments the tests stand at.
        var random = new Random(11);
        // Whole seconds: PostgreSQL keeps microseconds, not .NET's 100 ns ticks, and the expectation is computed from these values.
        var visits = Enumerable.Range(0, 700).Select(_ => First.AddSeconds(Math.Floor(random.NextDouble() * (Last - First).TotalSeconds)))
            .Concat(Moments.Where(m => m < Last).SelectMany(m => Enumerable.Range(0, 12).Select(_ => m.AddSeconds(-Math.Floor(random.NextDouble() * 72 * 3600)))))
            .ToList();
        activities = [];
        foreach (var (start, v) in visits.Select((s, v) => (s, v)))
        {
            var session = random.Next(30) == 0 ? null : $"s-{v}";
            for (var d = random.Next(1, 6); d > 0; d--)
            {
                var widget = widgets[random.Next(4)];
                activities.Add(new Activity
                {
                    OccurredAt = start.AddMinutes(random.Next(60)), Channel = ActivityChannel.WebWidget, Name = widget.Name, WidgetId = widget.Id,
                    SessionId = session, Status = random.Next(4) == 0 ? MessageStatus.Clicked : MessageStatus.Delivered,
                });
            }
            activities.Add(new Activity { OccurredAt = start.AddMinutes(random.Next(60)), Channel = ActivityChannel.Website, Name = "PageViewed" });
        }
        // The contact's last visit: a session with three displays of the per-session widget (the latest session, read weeks later too).
        activities.AddRange(Enumerable.Range(1, 3).Select(m => new Activity
        {
            OccurredAt = Last.AddMinutes(m), Channel = ActivityChannel.WebWidget, Name = widgets[0].Name, WidgetId = widgets[0].Id, SessionId = "s-last",
            Status = MessageStatus.Delivered,
        }));
        await Store.ActivitiesAsync(contact, activities);
        await Store.ActivitiesAsync(other, activities.Take(50).Select(a => new Activity
        {
            OccurredAt = a.OccurredAt, Channel = a.Channel, Name = a.Name, WidgetId = a.WidgetId, SessionId = a.SessionId, Status = a.Status,
        }));
    }

    /// <summary>Moments to stand at: a Monday just after midnight in Kyiv, a DST change in Kyiv, New York and Santiago, ordinary days.</summary>
    private static readonly DateTime[] Moments =
    [
        new(2026, 3, 29, 22, 30, 0, DateTimeKind.Utc),   // Monday 30 March, 01:30 in Kyiv, the day after the change
        new(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc),    // Sunday 29 March, 03:30 in Kyiv, just before the clocks go forward
        new(2026, 11, 1, 6, 30, 0, DateTimeKind.Utc),    // Sunday 1 November, 01:30 in New York, the second time
        new(2026, 9, 6, 4, 30, 0, DateTimeKind.Utc),     // Sunday 6 September, 01:30 in Santiago, a day that starts at 01:00
        new(2026, 11, 19, 9, 0, 0, DateTimeKind.Utc),
        new(2026, 12, 15, 12, 0, 0, DateTimeKind.Utc),   // weeks after the last visit: only its session is current
    ];

    public static TheoryData<string> Zones => ["UTC", "Europe/Kyiv", "America/New_York", "America/Santiago"];

    [Theory]
    [MemberData(nameof(Zones))]
    public async Task Each_widget_stands_as_the_rule_applied_to_every_display_says(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        foreach (var now in Moments)
        {
            var standings = await new WidgetDisplayQueries(Factory, new FakeTimeProvider(new DateTimeOffset(now))).StandingsAsync(contact.Id, zone, Ct);

            var displays = activities.Where(a => a.WidgetId is not null).ToList();
            // The latest session is the one of the contact's most recent display (whenever "now" is).
            var latest = displays.OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).Last().SessionId;
            var expected = widgets
                .Select(w => (Widget: w, Displays: displays.Where(a => a.WidgetId == w.Id).ToList()))
                .Where(w => w.Displays.Count > 0)
                .Select(w =>
                {
                    var current = WidgetFrequency.CurrentPeriod(w.Widget.FrequencyPeriod, now, latest, zone);
                    var shown = w.Widget.FrequencyPeriod == WidgetFrequencyPeriod.Session && latest is null ? 0
                        : w.Displays.Count(a => WidgetFrequency.PeriodOf(w.Widget.FrequencyPeriod, a.OccurredAt, a.SessionId, zone) == current);
                    return (w.Widget.Name, Shown: shown, Total: w.Displays.Count, LastShownAt: w.Displays.Max(a => a.OccurredAt));
                })
                .OrderByDescending(s => s.LastShownAt);
            Assert.Equal((now, Describe(expected)), (now, Describe(standings.Select(s => (s.Widget.Name, s.ShownInCurrentPeriod, s.TotalDisplays, s.LastShownAt)))));
        }
    }

    private static string Describe(IEnumerable<(string Name, int Shown, int Total, DateTime LastShownAt)> standings) =>
        string.Join("; ", standings.Select(s => $"{s.Name}: {s.Shown} now, {s.Total} in all, last at {s.LastShownAt:yyyy-MM-dd HH:mm:ss.fffffff}"));

    [Theory]
    [MemberData(nameof(Zones))]
    public async Task Each_display_in_the_grid_is_marked_as_the_rule_applied_to_every_display_says(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var queries = new ActivityQueries(Factory, new FakeTimeProvider(new DateTimeOffset(Last)));
        // A display without a session is left unmarked under a per-session limit (its session is unknown).
        var expected = widgets.SelectMany(w => WidgetFrequency.Mark(w, activities.Where(a => a.WidgetId == w.Id).Select(a => new WidgetDisplay(a.Id, a.OccurredAt, a.SessionId)), zone))
            .Where(m => m.Value.Period.Kind != WidgetFrequencyPeriod.Session || m.Value.Period.Key != "")
            .ToDictionary();
        var aroundDstChange = (ActivityView.Default with { From = new(2026, 3, 27), To = new(2026, 3, 31) }).ToFilter(zone);
        (ActivityFilter Filter, int Page, int Size)[] pages =
        [
            (ActivityFilter.None, 0, 25), (ActivityFilter.None, 3, 100), (ActivityFilter.None, 17, 100),
            (new ActivityFilter { Channel = ActivityChannel.WebWidget }, 0, 100), (new ActivityFilter { Channel = ActivityChannel.WebWidget }, 9, 100),
            (new ActivityFilter { Status = MessageStatus.Clicked }, 2, 50),
            (aroundDstChange, 0, 100),
        ];

        foreach (var (filter, page, size) in pages)
        {
            var rows = await queries.PageAsync(contact.Id, filter, page, size, zone, Ct);

            Assert.Contains(rows, r => r.WidgetId is not null);
            Assert.All(rows, row => Assert.Equal((row.Id, expected.GetValueOrDefault(row.Id)), (row.Id, row.FrequencyMark)));
        }
    }
}
