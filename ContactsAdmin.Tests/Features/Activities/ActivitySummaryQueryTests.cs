using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Activities;

/// <summary>
/// The chips and the chart are counted by a statement each, a count per row of constants (pair of channel and
/// status, bar of the chart); they must give exactly what filtering and grouping the activities in .NET gives:
/// under every filter, in any time zone, across DST changes.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ActivitySummaryQueryTests : StoreTest
{
    private static readonly DateTime Now = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(Now));
    private ActivityQueries queries = null!;
    private Contact contact = null!;
    private List<Activity> activities = null!;

    private static readonly string[] Names =
        ["Spring SALE", "Wholesale prices", "Весняний РОЗПРОДАЖ", "Get 50% off", "Get 500 off", "a_b test", "axb test", "AddToCart", "PageViewed"];

    // DST changes in 2025 and 2026: Kyiv at 03:00/04:00, New York at 02:00, Santiago at midnight (so one day there starts at 01:00).
    private static readonly (string Zone, DateOnly[] Days)[] Changes =
    [
        ("Europe/Kyiv", [new(2025, 3, 30), new(2025, 10, 26), new(2026, 3, 29), new(2026, 10, 25)]),
        ("America/New_York", [new(2025, 3, 9), new(2025, 11, 2), new(2026, 3, 8), new(2026, 11, 1)]),
        ("America/Santiago", [new(2025, 4, 6), new(2025, 9, 7), new(2026, 4, 5), new(2026, 9, 6)]),
    ];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        queries = new ActivityQueries(Factory, clock);
        contact = await Store.ContactAsync();
        var other = await Store.ContactAsync();

        var random = new Random(7);
        var first = new DateTime(2025, 1, 3, 0, 0, 0, DateTimeKind.Utc);
        var instants = Enumerable.Range(0, 2500).Select(_ => first.AddSeconds(random.NextDouble() * (Now - first).TotalSeconds)).ToList();
        // Around the local midnights of the days before, of and after each DST change: just before, at, and after.
        foreach (var (zoneId, days) in Changes)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            foreach (var day in days.SelectMany(d => new[] { d.AddDays(-1), d, d.AddDays(1) }))
            {
                var midnight = LocalDays.StartUtc(day, zone);
                instants.AddRange([midnight.AddSeconds(-1), midnight, midnight.AddSeconds(1), midnight.AddMinutes(30), midnight.AddMinutes(90)]);
            }
        }
        activities = [.. instants.Select(at => Random(random, at))];
        await Store.ActivitiesAsync(contact, activities);
        await Store.ActivitiesAsync(other, instants.Take(300).Select(at => Random(random, at)));
    }

    private static Activity Random(Random random, DateTime at)
    {
        var channel = Enum.GetValues<ActivityChannel>()[random.Next(9)];
        // Now and then a message without a status too (what a chip for "no status" in a message channel must count).
        var status = channel is ActivityChannel.App or ActivityChannel.Website || random.Next(20) == 0 ? (MessageStatus?)null : Enum.GetValues<MessageStatus>()[random.Next(6)];
        return new Activity { OccurredAt = at, Channel = channel, Status = status, Name = Names[random.Next(Names.Length)] };
    }

    public static TheoryData<string> Zones => ["UTC", "Europe/Kyiv", "America/New_York", "America/Santiago"];

    [Theory]
    [MemberData(nameof(Zones))]
    public async Task Every_bar_counts_the_matching_activities_of_its_local_days_under_every_filter(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var today = LocalDays.DayOf(Now, zone);
        foreach (var view in Views(today))
        {
            var filter = view.ToFilter(zone);

            var timeline = (await queries.SummaryAsync(contact.Id, filter, zone, Ct)).Timeline;

            var expected = Bucketed(filter, zone, today);
            Assert.Equal((view.ToUri(contact.Id), expected.Step, Describe(expected)), (view.ToUri(contact.Id), timeline.Step, Describe(timeline)));
        }
    }

    [Fact]
    public async Task Every_chip_counts_the_matching_activities_of_its_channel_or_status_under_every_filter()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");
        foreach (var view in Views(LocalDays.DayOf(Now, zone)))
        {
            var filter = view.ToFilter(zone);

            var counts = (await queries.SummaryAsync(contact.Id, filter, zone, Ct)).Counts;

            // Each kind of chip under every filter but its own.
            var underOthers = Matching(filter with { Channel = null, Status = null });
            var expected = new
            {
                Total = activities.Count,
                Filtered = Matching(filter).Count,
                ByChannel = Describe(underOthers.Where(a => filter.Status is null || a.Status == filter.Status).CountBy(a => a.Channel)),
                ByStatus = Describe(underOthers.Where(a => a.Status is not null && (filter.Channel is null || a.Channel == filter.Channel)).CountBy(a => a.Status!.Value)),
            };
            var actual = new { counts.Total, counts.Filtered, ByChannel = Describe(counts.ByChannel), ByStatus = Describe(counts.ByStatus) };
            Assert.Equal((view.ToUri(contact.Id), expected), (view.ToUri(contact.Id), actual));
        }
    }

    private static string Describe<TKey>(IEnumerable<KeyValuePair<TKey, int>> counts) =>
        string.Join(", ", counts.Where(c => c.Value > 0).OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"));

    private static ActivityView[] Views(DateOnly today) =>
        [
            ActivityView.Default,
            ActivityView.Default with { Channel = ActivityChannel.Email },
            ActivityView.Default with { Status = MessageStatus.Clicked },
            ActivityView.Default with { Channel = ActivityChannel.Sms, Status = MessageStatus.Read },
            ActivityView.Default with { Search = "sale" },
            ActivityView.Default with { Search = "розпродаж" },
            ActivityView.Default with { Search = "50%" },
            ActivityView.Default with { Search = " A_B " },
            ActivityView.Default with { Search = "nothing like it" },
            // Daily bars across the spring changes, and across the autumn ones under a channel filter.
            ActivityView.Default with { From = new(2026, 3, 25), To = new(2026, 4, 10) },
            ActivityView.Default with { From = new(2026, 10, 20), To = new(2026, 11, 5), Channel = ActivityChannel.Email },
            ActivityView.Default with { From = new(2025, 9, 1), To = new(2025, 9, 30), Search = "sale" },
            ActivityView.Default with { From = new(2025, 9, 1), To = new(2025, 9, 30), Search = "nothing like it" },
            // Open at one end: weekly bars to today, or from the first match.
            ActivityView.Default with { From = new(2025, 6, 1) },
            ActivityView.Default with { To = new(2025, 4, 15), Status = MessageStatus.Delivered },
            ActivityView.Default with { To = new(2025, 4, 15), Search = "розпродаж" },
            // Over 600 weekly bars.
            ActivityView.Default with { From = new(2015, 1, 5), To = today },
            ActivityView.Default.WithQuickRange(7, today),
            ActivityView.Default.WithQuickRange(90, today),
        ];

    [Fact]
    public void The_seeded_activities_fill_many_bars_and_meet_every_filter()
    {
        var all = Bucketed(ActivityFilter.None, TimeZoneInfo.Utc, LocalDays.DayOf(Now, TimeZoneInfo.Utc));
        Assert.Equal(TimelineStep.Week, all.Step);
        Assert.True(all.Buckets.Count(b => b.Count > 0) > 90);
        Assert.All(Names, name => Assert.Contains(activities, a => a.Name == name));
        Assert.Contains(activities, a => a.Channel == ActivityChannel.Sms && a.Status == MessageStatus.Read);
        Assert.Contains(activities, a => a.Channel == ActivityChannel.Email && a.Status is null);
    }

    /// <summary>
    /// The chart worked out in .NET: the filter applied to each activity, and each one counted in the bar holding
    /// its day in <paramref name="zone"/>; bars from the range's start (or the first match) to its end (or today).
    /// </summary>
    private ActivityTimeline Bucketed(ActivityFilter filter, TimeZoneInfo zone, DateOnly today)
    {
        var matching = Matching(filter);
        var start = filter.From ?? (matching.Count == 0 ? null : matching.Min(a => a.OccurredAt));
        if (start is null) return ActivityTimeline.Empty;
        var last = filter.To is { } to ? LocalDays.DayOf(to, zone).AddDays(-1) : today;
        var bars = ActivityTimeline.Bars(LocalDays.DayOf(start.Value, zone), last);
        var perDay = matching.CountBy(a => LocalDays.DayOf(a.OccurredAt, zone)).ToDictionary();
        return bars with
        {
            Buckets = [.. bars.Buckets.Select(bar => bar with
            {
                Count = Enumerable.Range(0, bar.End.DayNumber - bar.Start.DayNumber).Sum(d => perDay.GetValueOrDefault(bar.Start.AddDays(d))),
            })],
        };
    }

    /// <summary>The filter applied to each activity in .NET.</summary>
    private List<Activity> Matching(ActivityFilter filter)
    {
        var term = filter.NameContains?.Trim().ToLowerInvariant();
        return [.. activities.Where(a =>
            (filter.Channel is null || a.Channel == filter.Channel)
            && (filter.Status is null || a.Status == filter.Status)
            && (filter.From is null || a.OccurredAt >= filter.From)
            && (filter.To is null || a.OccurredAt < filter.To)
            && (string.IsNullOrEmpty(term) || a.Name.ToLowerInvariant().Contains(term, StringComparison.Ordinal)))];
    }

    private static string Describe(ActivityTimeline timeline) =>
        string.Join(", ", timeline.Buckets.Select(b => $"{b.Start:yyyy-MM-dd}={b.Count}"));
}
