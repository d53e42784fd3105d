using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Activities;

/// <summary>The activity tab's reads: paging, each filter, the counts on the chips, and the chart.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ActivityQueriesTests : StoreTest
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeZoneInfo Kyiv = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
    private ActivityQueries queries = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        queries = new ActivityQueries(Factory, clock);
    }

    private static Activity At(DateTime at, ActivityChannel channel = ActivityChannel.Website, string name = "PageViewed", MessageStatus? status = null) =>
        new() { OccurredAt = at, Channel = channel, Name = name, Status = status };

    /// <summary>A mix over every channel and status: activity i is i hours after <see cref="Start"/>.</summary>
    private static List<Activity> Mix(int count) => [.. Enumerable.Range(0, count).Select(i =>
    {
        var channel = Enum.GetValues<ActivityChannel>()[i % 9];
        var status = channel is ActivityChannel.App or ActivityChannel.Website ? (MessageStatus?)null : Enum.GetValues<MessageStatus>()[i % 6];
        return At(Start.AddHours(i), channel, $"Message {i}", status);
    })];

    private Task<IReadOnlyList<ActivityRow>> PageAsync(Contact contact, ActivityFilter filter, int page = 0, int size = 100) =>
        queries.PageAsync(contact.Id, filter, page, size, TimeZoneInfo.Utc, Ct);

    /// <summary>Every row the filter lets through, read page by page as the grid would.</summary>
    private async Task<List<ActivityRow>> AllRowsAsync(Contact contact, ActivityFilter filter)
    {
        var rows = new List<ActivityRow>();
        for (var page = 0; ; page++)
        {
            var next = await PageAsync(contact, filter, page);
            rows.AddRange(next);
            if (next.Count < 100) return rows;
        }
    }

    [Fact]
    public async Task Pages_are_newest_first_and_together_hold_every_activity_once()
    {
        var contact = await Store.ContactAsync();
        var other = await Store.ContactAsync();
        var activities = Mix(60);
        // Two at the same instant: the one recorded later comes first.
        activities.Add(At(Start.AddHours(59), name: "Same hour, recorded later"));
        await Store.ActivitiesAsync(contact, activities);
        await Store.ActivitiesAsync(other, Mix(5));

        var pages = new[]
        {
            await PageAsync(contact, ActivityFilter.None, 0, 25),
            await PageAsync(contact, ActivityFilter.None, 1, 25),
            await PageAsync(contact, ActivityFilter.None, 2, 25),
        };

        Assert.Equal([25, 25, 11], pages.Select(p => p.Count));
        var rows = pages.SelectMany(p => p).ToList();
        Assert.Equal(activities.Select(a => a.Id).Order(), rows.Select(r => r.Id).Order());
        Assert.Equal(rows.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id).Select(r => r.Id), rows.Select(r => r.Id));
        Assert.Equal(["Same hour, recorded later", "Message 59"], rows.Take(2).Select(r => r.Name));
    }

    [Fact]
    public async Task An_unknown_page_size_falls_back_to_the_smallest()
    {
        var contact = await Store.ContactAsync();
        await Store.ActivitiesAsync(contact, Mix(30));

        Assert.Equal(ActivityQueries.PageSizes[0], (await PageAsync(contact, ActivityFilter.None, 0, 7)).Count);
    }

    [Theory]
    [InlineData(ActivityChannel.Email)]
    [InlineData(ActivityChannel.WebWidget)]
    [InlineData(ActivityChannel.Website)]
    public async Task The_channel_filter_keeps_only_that_channel(ActivityChannel channel)
    {
        var contact = await Store.ContactAsync();
        await Store.ActivitiesAsync(contact, Mix(45));

        var rows = await AllRowsAsync(contact, new ActivityFilter { Channel = channel });

        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(channel, r.Channel));
    }

    [Theory]
    [InlineData(MessageStatus.Clicked)]
    [InlineData(MessageStatus.Undelivered)]
    [InlineData(MessageStatus.Spam)]
    public async Task The_status_filter_keeps_only_that_status(MessageStatus status)
    {
        var contact = await Store.ContactAsync();
        var activities = Mix(90);
        await Store.ActivitiesAsync(contact, activities);

        var rows = await AllRowsAsync(contact, new ActivityFilter { Status = status });

        Assert.Equal(activities.Count(a => a.Status == status), rows.Count);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(status, r.Status));
    }

    [Fact]
    public async Task A_date_range_holds_both_whole_days_in_the_users_time_zone()
    {
        var contact = await Store.ContactAsync();
        // Kyiv is UTC+2 in March (before 29 March): 3 March there runs from 22:00 UTC on 2 March to 22:00 UTC on 3 March.
        await Store.ActivitiesAsync(contact,
            At(new DateTime(2026, 3, 2, 21, 59, 59, DateTimeKind.Utc), name: "2 March, 23:59:59 in Kyiv"),
            At(new DateTime(2026, 3, 2, 22, 0, 0, DateTimeKind.Utc), name: "3 March, 00:00 in Kyiv"),
            At(new DateTime(2026, 3, 3, 21, 59, 59, DateTimeKind.Utc), name: "3 March, 23:59:59 in Kyiv"),
            At(new DateTime(2026, 3, 3, 22, 0, 0, DateTimeKind.Utc), name: "4 March, 00:00 in Kyiv"));
        var day = new DateOnly(2026, 3, 3);

        var rows = await AllRowsAsync(contact, (ActivityView.Default with { From = day, To = day }).ToFilter(Kyiv));

        Assert.Equal(["3 March, 23:59:59 in Kyiv", "3 March, 00:00 in Kyiv"], rows.Select(r => r.Name));
    }

    [Fact]
    public async Task A_range_open_at_one_end_is_bounded_only_at_the_other()
    {
        var contact = await Store.ContactAsync();
        await Store.ActivitiesAsync(contact, Mix(72));   // 1 March 12:00 to 4 March 11:00 UTC

        var from = await AllRowsAsync(contact, (ActivityView.Default with { From = new DateOnly(2026, 3, 4) }).ToFilter(TimeZoneInfo.Utc));
        var to = await AllRowsAsync(contact, (ActivityView.Default with { To = new DateOnly(2026, 3, 1) }).ToFilter(TimeZoneInfo.Utc));

        Assert.Equal(12, from.Count);
        Assert.Equal(12, to.Count);
    }

    [Theory]
    [InlineData("sale", new[] { "Spring SALE", "Wholesale prices" })]
    [InlineData("розпродаж", new[] { "Весняний РОЗПРОДАЖ" })]
    [InlineData("50%", new[] { "Get 50% off" })]
    [InlineData("a_b", new[] { "a_b test" })]
    [InlineData("  cart ", new[] { "AddToCart" })]
    public async Task Name_contains_ignores_case_in_any_alphabet_and_takes_wildcards_literally(string term, string[] expected)
    {
        var contact = await Store.ContactAsync();
        string[] names = ["Spring SALE", "Wholesale prices", "Весняний РОЗПРОДАЖ", "Get 50% off", "Get 500 off", "a_b test", "axb test", "AddToCart", "PageViewed"];
        await Store.ActivitiesAsync(contact, names.Select((n, i) => At(Start.AddMinutes(i), name: n)));

        var rows = await AllRowsAsync(contact, new ActivityFilter { NameContains = term });

        Assert.Equal(expected.Order(), rows.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task Counts_per_channel_and_per_status_match_the_rows_each_chip_shows()
    {
        var contact = await Store.ContactAsync();
        var other = await Store.ContactAsync();
        await Store.ActivitiesAsync(contact, Mix(130));
        await Store.ActivitiesAsync(other, Mix(20));

        var counts = (await queries.SummaryAsync(contact.Id, ActivityFilter.None, TimeZoneInfo.Utc, Ct)).Counts;

        Assert.Equal((130, 130), (counts.Total, counts.Filtered));
        foreach (var channel in Enum.GetValues<ActivityChannel>())
            Assert.Equal((await AllRowsAsync(contact, new ActivityFilter { Channel = channel })).Count, counts.ByChannel.GetValueOrDefault(channel));
        foreach (var status in Enum.GetValues<MessageStatus>())
            Assert.Equal((await AllRowsAsync(contact, new ActivityFilter { Status = status })).Count, counts.ByStatus.GetValueOrDefault(status));
        Assert.Equal(130, counts.ByChannel.Values.Sum());
        Assert.Equal((await AllRowsAsync(contact, ActivityFilter.None)).Count(r => r.Status is not null), counts.ByStatus.Values.Sum());
    }

    [Fact]
    public async Task Each_kind_of_chip_counts_under_every_filter_but_its_own()
    {
        var contact = await Store.ContactAsync();
        await Store.ActivitiesAsync(contact, Mix(130));
        var filter = new ActivityFilter { Channel = ActivityChannel.Sms, Status = MessageStatus.Read, From = Start.AddHours(10) };
        var rows = await AllRowsAsync(contact, filter with { Channel = null, Status = null });

        var counts = (await queries.SummaryAsync(contact.Id, filter, TimeZoneInfo.Utc, Ct)).Counts;

        Assert.Equal(130, counts.Total);
        Assert.Equal(rows.Count(r => r.Channel == ActivityChannel.Sms && r.Status == MessageStatus.Read), counts.Filtered);
        Assert.NotEqual(0, counts.Filtered);
        Assert.Equal(counts.Filtered, (await AllRowsAsync(contact, filter)).Count);
        // Channels under the status filter, statuses under the channel filter.
        Assert.Equal(rows.Where(r => r.Status == MessageStatus.Read).CountBy(r => r.Channel).ToDictionary(),
            counts.ByChannel.Where(c => c.Value > 0).ToDictionary());
        Assert.Equal(rows.Where(r => r.Channel == ActivityChannel.Sms && r.Status is not null).CountBy(r => r.Status!.Value).ToDictionary(),
            counts.ByStatus.Where(c => c.Value > 0).ToDictionary());
    }

    [Fact]
    public async Task The_chart_has_a_bar_per_day_of_the_range_in_the_users_time_zone_empty_days_included()
    {
        var contact = await Store.ContactAsync();
        await Store.ActivitiesAsync(contact,
            At(new DateTime(2026, 3, 2, 21, 30, 0, DateTimeKind.Utc)),    // 2 March, 23:30 in Kyiv
            At(new DateTime(2026, 3, 2, 22, 30, 0, DateTimeKind.Utc)),    // 3 March, 00:30 in Kyiv
            At(new DateTime(2026, 3, 3, 12, 0, 0, DateTimeKind.Utc)),     // 3 March
            At(new DateTime(2026, 3, 5, 8, 0, 0, DateTimeKind.Utc)),      // 5 March
            At(new DateTime(2026, 3, 9, 8, 0, 0, DateTimeKind.Utc)));     // after the range
        var view = ActivityView.Default with { From = new DateOnly(2026, 3, 2), To = new DateOnly(2026, 3, 6) };

        var timeline = (await queries.SummaryAsync(contact.Id, view.ToFilter(Kyiv), Kyiv, Ct)).Timeline;

        Assert.Equal(TimelineStep.Day, timeline.Step);
        Assert.Equal([(2, 1), (3, 2), (4, 0), (5, 1), (6, 0)], timeline.Buckets.Select(b => (b.Start.Day, b.Count)));
    }

    [Fact]
    public async Task An_open_range_is_charted_from_the_first_matching_activity_to_today_per_week_when_long()
    {
        var contact = await Store.ContactAsync();
        // Today (the clock) is Friday 20 March 2026; the first activity is on Wednesday 7 January.
        await Store.ActivitiesAsync(contact,
            At(new DateTime(2026, 1, 7, 10, 0, 0, DateTimeKind.Utc)),
            At(new DateTime(2026, 1, 11, 10, 0, 0, DateTimeKind.Utc)),   // Sunday: same week
            At(new DateTime(2026, 1, 12, 10, 0, 0, DateTimeKind.Utc)),   // Monday: next week
            At(new DateTime(2026, 3, 19, 10, 0, 0, DateTimeKind.Utc)));

        var timeline = (await queries.SummaryAsync(contact.Id, ActivityFilter.None, TimeZoneInfo.Utc, Ct)).Timeline;

        Assert.Equal(TimelineStep.Week, timeline.Step);
        Assert.Equal(new DateOnly(2026, 1, 5), timeline.Buckets[0].Start);
        Assert.Equal(new DateOnly(2026, 3, 16), timeline.Buckets[^1].Start);
        Assert.Equal(11, timeline.Buckets.Count);
        Assert.Equal([2, 1], timeline.Buckets.Take(2).Select(b => b.Count));
        Assert.Equal(1, timeline.Buckets[^1].Count);
        Assert.Equal(4, timeline.Buckets.Sum(b => b.Count));
    }

    [Fact]
    public async Task A_contact_without_activity_has_zero_counts_and_no_chart()
    {
        var contact = await Store.ContactAsync();

        var summary = await queries.SummaryAsync(contact.Id, ActivityFilter.None, TimeZoneInfo.Utc, Ct);

        Assert.Equal((0, 0), (summary.Counts.Total, summary.Counts.Filtered));
        Assert.False(summary.Timeline.HasActivity);
        Assert.Empty(await PageAsync(contact, ActivityFilter.None));
    }
}
