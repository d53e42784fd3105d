using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Activities;

/// <summary>Widget displays in the grid and on the widget panel, counted against each widget's frequency in the contact's zone.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class WidgetDisplayQueriesTests : StoreTest
{
    private static readonly TimeZoneInfo Kyiv = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");
    // Wednesday 4 March 2026, 23:30 in Kyiv (UTC+2).
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 4, 21, 30, 0, TimeSpan.Zero));
    private ActivityQueries queries = null!;
    private WidgetDisplayQueries widgetDisplays = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        queries = new ActivityQueries(Factory, clock);
        widgetDisplays = new WidgetDisplayQueries(Factory, clock);
    }

    private static DateTime Utc(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    private static Activity Display(Widget widget, DateTime at, string session = "s-1", MessageStatus status = MessageStatus.Delivered, string? name = null) => new()
    {
        OccurredAt = at, Channel = ActivityChannel.WebWidget, Name = name ?? widget.Name, Status = status, WidgetId = widget.Id, SessionId = session,
    };

    private async Task<Contact> ContactInKyivAsync() => await Store.ContactAsync(c => c.TimeZone = "Europe/Kyiv");

    /// <summary>The names of the rows on the first page that are marked beyond the frequency, oldest first.</summary>
    private async Task<List<string>> MarkedAsync(Contact contact, ActivityFilter? filter = null)
    {
        var rows = await queries.PageAsync(contact.Id, filter ?? ActivityFilter.None, 0, 100, Kyiv, Ct);
        return [.. rows.Where(r => r.FrequencyMark?.IsBeyondLimit == true).OrderBy(r => r.OccurredAt).Select(r => r.Name)];
    }

    [Theory]
    [InlineData(WidgetFrequencyPeriod.Session)]
    [InlineData(WidgetFrequencyPeriod.Day)]
    [InlineData(WidgetFrequencyPeriod.Week)]
    [InlineData(WidgetFrequencyPeriod.Lifetime)]
    public async Task The_grid_marks_the_display_after_the_limit_for_each_kind_of_period(WidgetFrequencyPeriod period)
    {
        var contact = await ContactInKyivAsync();
        var widget = await Store.WidgetAsync(period, 1);
        // Two displays in one session on one day (so in one period of any kind), then one in a new session on a later week.
        await Store.ActivitiesAsync(contact,
            Display(widget, Utc(2, 10), name: "first"),
            Display(widget, Utc(2, 11), name: "second"),
            Display(widget, Utc(10, 10), session: "s-2", name: "next week"));

        var marked = await MarkedAsync(contact);

        Assert.Equal(period == WidgetFrequencyPeriod.Lifetime ? ["second", "next week"] : ["second"], marked);
    }

    [Fact]
    public async Task Per_day_the_grid_counts_days_from_the_contacts_midnight()
    {
        var contact = await ContactInKyivAsync();
        var widget = await Store.WidgetAsync(WidgetFrequencyPeriod.Day, 1);
        await Store.ActivitiesAsync(contact,
            Display(widget, Utc(2, 21, 30), name: "2 March, 23:30 in Kyiv"),
            Display(widget, Utc(2, 22, 30), name: "3 March, 00:30 in Kyiv"),
            Display(widget, Utc(3, 21, 0), name: "3 March, 23:00 in Kyiv"));

        Assert.Equal(["3 March, 23:00 in Kyiv"], await MarkedAsync(contact));
    }

    [Fact]
    public async Task Per_week_the_grid_counts_weeks_from_the_contacts_Monday_midnight()
    {
        var contact = await ContactInKyivAsync();
        var widget = await Store.WidgetAsync(WidgetFrequencyPeriod.Week, 1);
        await Store.ActivitiesAsync(contact,
            Display(widget, Utc(1, 21, 30), name: "Sunday 1 March, 23:30 in Kyiv"),
            Display(widget, Utc(1, 22, 30), name: "Monday 2 March, 00:30 in Kyiv"),
            Display(widget, Utc(8, 21, 30), name: "Sunday 8 March, 23:30 in Kyiv"));

        Assert.Equal(["Sunday 8 March, 23:30 in Kyiv"], await MarkedAsync(contact));
    }

    [Fact]
    public async Task A_display_is_counted_against_every_display_of_its_period_not_only_the_rows_the_filters_show()
    {
        var contact = await ContactInKyivAsync();
        var widget = await Store.WidgetAsync(WidgetFrequencyPeriod.Day, 2);
        await Store.ActivitiesAsync(contact,
            Display(widget, Utc(3, 8)), Display(widget, Utc(3, 9)),
            Display(widget, Utc(3, 10), status: MessageStatus.Clicked, name: "clicked third"));

        var marked = await queries.PageAsync(contact.Id, new ActivityFilter { Status = MessageStatus.Clicked }, 0, 25, Kyiv, Ct);

        var mark = Assert.Single(marked).FrequencyMark;
        Assert.Equal((3, 2, true), (mark!.Ordinal, mark.Limit, mark.IsBeyondLimit));
    }

    [Fact]
    public async Task Displays_of_other_contacts_and_other_widgets_do_not_count()
    {
        var contact = await ContactInKyivAsync();
        var other = await ContactInKyivAsync();
        var widget = await Store.WidgetAsync(WidgetFrequencyPeriod.Day, 1);
        var another = await Store.WidgetAsync(WidgetFrequencyPeriod.Day, 1);
        await Store.ActivitiesAsync(other, Display(widget, Utc(3, 8)));
        await Store.ActivitiesAsync(contact, Display(another, Utc(3, 8)), Display(widget, Utc(3, 9)));

        Assert.Empty(await MarkedAsync(contact));
    }

    [Fact]
    public async Task Each_widget_shows_its_displays_in_the_current_period_against_its_limit()
    {
        var contact = await ContactInKyivAsync();
        var daily = await Store.WidgetAsync(WidgetFrequencyPeriod.Day, 2, "Daily");
        var weekly = await Store.WidgetAsync(WidgetFrequencyPeriod.Week, 3, "Weekly");
        var perSession = await Store.WidgetAsync(WidgetFrequencyPeriod.Session, 1, "Per session");
        var once = await Store.WidgetAsync(WidgetFrequencyPeriod.Lifetime, 1, "Once");
        await Store.ActivitiesAsync(contact,
            // Today in Kyiv is 4 March from 22:00 UTC on 3 March: three displays today, one the evening before.
            Display(daily, Utc(3, 21, 0)), Display(daily, Utc(3, 22, 30)), Display(daily, Utc(4, 9)), Display(daily, Utc(4, 21)),
            // This week began on Monday 2 March (22:00 UTC on 1 March): two this week, one the week before.
            Display(weekly, Utc(1, 21, 30)), Display(weekly, Utc(2, 10)), Display(weekly, Utc(4, 10)),
            // The latest session is s-9 (the contact's most recent widget display).
            Display(perSession, Utc(1, 9), session: "s-8"), Display(perSession, Utc(1, 10), session: "s-8"), Display(perSession, Utc(4, 21, 10), session: "s-9"),
            Display(once, Utc(1, 8), session: "s-7"), Display(once, Utc(4, 21, 20), session: "s-9"));

        var standings = (await widgetDisplays.StandingsAsync(contact.Id, Kyiv, Ct)).ToDictionary(s => s.Widget.Name);

        Assert.Equal("shown 3 of 2 today", standings["Daily"].Shown);
        Assert.Equal("shown 2 of 3 this week", standings["Weekly"].Shown);
        Assert.Equal("shown 1 of 1 in the latest session", standings["Per session"].Shown);
        Assert.Equal("shown 2 of 1 in total", standings["Once"].Shown);
        Assert.Equal([true, false, false, true],
            [standings["Daily"].IsBeyondLimit, standings["Weekly"].IsBeyondLimit, standings["Per session"].IsBeyondLimit, standings["Once"].IsBeyondLimit]);
        Assert.Equal((4, Utc(4, 21)), (standings["Daily"].TotalDisplays, standings["Daily"].LastShownAt));
        // Most recently shown first.
        Assert.Equal("Once", (await widgetDisplays.StandingsAsync(contact.Id, Kyiv, Ct))[0].Widget.Name);
    }

    [Fact]
    public async Task A_contact_never_shown_a_widget_has_no_standings()
    {
        var contact = await ContactInKyivAsync();

        Assert.Empty(await widgetDisplays.StandingsAsync(contact.Id, Kyiv, Ct));
    }
}
