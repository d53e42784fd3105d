using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;

namespace ContactsAdmin.Tests.Features.Activities;

/// <summary>The widget frequency rule: which displays are beyond "at most N per session, day, week or lifetime".</summary>
public class WidgetFrequencyTests
{
    // Kyiv is UTC+2 in winter: its days start at 22:00 UTC the evening before.
    private static readonly TimeZoneInfo Kyiv = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");
    // New York is UTC-5 in winter: its weeks start on Monday at 05:00 UTC.
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static Widget Widget(WidgetFrequencyPeriod period, int limit) =>
        new() { Id = 1, Key = "offer", Name = "Offer", FrequencyPeriod = period, FrequencyLimit = limit };

    private static DateTime Utc(string at) => DateTime.SpecifyKind(DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static WidgetDisplay Display(long id, string utc, string? session = "s-1") => new(id, Utc(utc), session);

    /// <summary>The ids of the displays beyond the limit.</summary>
    private static long[] Beyond(Widget widget, TimeZoneInfo zone, params WidgetDisplay[] displays) =>
        [.. WidgetFrequency.Mark(widget, displays, zone).Where(m => m.Value.IsBeyondLimit).Select(m => m.Key).Order()];

    [Fact]
    public void Per_session_a_second_display_in_the_same_session_is_beyond_and_a_new_session_starts_over()
    {
        var widget = Widget(WidgetFrequencyPeriod.Session, 1);

        var beyond = Beyond(widget, Kyiv,
            Display(1, "2026-03-03 10:00", "s-a"), Display(2, "2026-03-03 10:05", "s-a"),
            Display(3, "2026-03-03 10:06", "s-b"));

        Assert.Equal([2], beyond);
    }

    [Fact]
    public void Per_session_a_display_without_a_session_is_never_counted()
    {
        var widget = Widget(WidgetFrequencyPeriod.Session, 1);

        Assert.Empty(Beyond(widget, Kyiv, Display(1, "2026-03-03 10:00", null), Display(2, "2026-03-03 10:01", null)));
    }

    [Fact]
    public void Per_day_the_day_ends_at_the_contacts_midnight_not_at_UTC_midnight()
    {
        var widget = Widget(WidgetFrequencyPeriod.Day, 1);

        // 21:59 UTC is 23:59 on 2 March in Kyiv; 22:00 UTC is already 3 March there: two days, one display each.
        Assert.Empty(Beyond(widget, Kyiv, Display(1, "2026-03-02 21:59:59"), Display(2, "2026-03-02 22:00")));
        // 22:30 UTC on 2 March and 21:00 UTC on 3 March are both 3 March in Kyiv: one day, two displays.
        Assert.Equal([2], Beyond(widget, Kyiv, Display(1, "2026-03-02 22:30"), Display(2, "2026-03-03 21:00")));
    }

    [Fact]
    public void Per_day_follows_the_contacts_daylight_saving_change()
    {
        var widget = Widget(WidgetFrequencyPeriod.Day, 1);

        // Kyiv moves to UTC+3 on 29 March 2026: that evening, local midnight is 21:00 UTC.
        Assert.Empty(Beyond(widget, Kyiv, Display(1, "2026-03-29 20:59"), Display(2, "2026-03-29 21:00")));
        Assert.Equal([2], Beyond(widget, Kyiv, Display(1, "2026-03-29 21:00"), Display(2, "2026-03-30 20:59")));
    }

    [Fact]
    public void Per_week_the_week_starts_on_Monday_at_the_contacts_midnight()
    {
        var widget = Widget(WidgetFrequencyPeriod.Week, 1);

        // Sunday 1 March 23:59 in New York is Monday 04:59 UTC; Monday 2 March 00:00 there is 05:00 UTC.
        Assert.Empty(Beyond(widget, NewYork, Display(1, "2026-03-02 04:59"), Display(2, "2026-03-02 05:00")));
        // Monday 00:00 and the next Sunday 23:59 in New York are one week.
        Assert.Equal([2], Beyond(widget, NewYork, Display(1, "2026-03-02 05:00"), Display(2, "2026-03-09 03:59")));
    }

    [Fact]
    public void Per_week_the_limit_counts_every_display_of_the_week()
    {
        var widget = Widget(WidgetFrequencyPeriod.Week, 3);

        var marks = WidgetFrequency.Mark(widget,
            [Display(1, "2026-03-02 10:00"), Display(2, "2026-03-03 10:00"), Display(3, "2026-03-05 10:00"), Display(4, "2026-03-08 10:00"), Display(5, "2026-03-09 10:00")],
            Kyiv);

        Assert.Equal([1, 2, 3, 4, 1], marks.OrderBy(m => m.Key).Select(m => m.Value.Ordinal));
        Assert.Equal([4L], marks.Where(m => m.Value.IsBeyondLimit).Select(m => m.Key));
        Assert.Equal(new DateOnly(2026, 3, 2), marks[4].Period.FirstDay);
    }

    [Fact]
    public void Per_lifetime_any_display_after_the_limit_is_beyond_however_far_apart()
    {
        var widget = Widget(WidgetFrequencyPeriod.Lifetime, 1);

        Assert.Equal([2, 3], Beyond(widget, Kyiv, Display(1, "2024-01-01 10:00", "s-a"), Display(2, "2026-03-03 10:00", "s-b"), Display(3, "2026-03-04 10:00", "s-c")));
    }

    [Fact]
    public void Displays_are_counted_in_the_order_they_happened_whatever_order_they_come_in()
    {
        var widget = Widget(WidgetFrequencyPeriod.Day, 1);

        Assert.Equal([3, 5], Beyond(widget, Kyiv, Display(5, "2026-03-03 12:00"), Display(3, "2026-03-03 10:00"), Display(4, "2026-03-03 09:00")));
        // At the same instant, the one recorded first (the lower id) counts first.
        Assert.Equal([6], Beyond(widget, Kyiv, Display(6, "2026-03-05 10:00"), Display(5, "2026-03-05 10:00")));
    }

    [Fact]
    public void The_current_period_is_today_this_week_the_latest_session_or_the_lifetime_in_the_contacts_zone()
    {
        var now = Utc("2026-03-04 22:30");   // already Thursday 5 March in Kyiv

        Assert.Equal(new DateOnly(2026, 3, 5), WidgetFrequency.CurrentPeriod(WidgetFrequencyPeriod.Day, now, null, Kyiv).FirstDay);
        Assert.Equal(new DateOnly(2026, 3, 2), WidgetFrequency.CurrentPeriod(WidgetFrequencyPeriod.Week, now, null, Kyiv).FirstDay);
        Assert.Equal("s-9", WidgetFrequency.CurrentPeriod(WidgetFrequencyPeriod.Session, now, "s-9", Kyiv).Key);
        Assert.Equal(WidgetFrequency.PeriodOf(WidgetFrequencyPeriod.Lifetime, Utc("2020-01-01 00:00"), null, Kyiv),
            WidgetFrequency.CurrentPeriod(WidgetFrequencyPeriod.Lifetime, now, null, Kyiv));
    }

    [Theory]
    [InlineData(WidgetFrequencyPeriod.Session, 1, "at most 1 per session", "shown 2 of 1 in the latest session")]
    [InlineData(WidgetFrequencyPeriod.Day, 2, "at most 2 per day", "shown 2 of 2 today")]
    [InlineData(WidgetFrequencyPeriod.Week, 3, "at most 3 per week", "shown 2 of 3 this week")]
    [InlineData(WidgetFrequencyPeriod.Lifetime, 1, "at most 1 in the contact's lifetime", "shown 2 of 1 in total")]
    public void The_limit_and_the_current_count_read_as_a_sentence(WidgetFrequencyPeriod period, int limit, string limitText, string shownText)
    {
        Assert.Equal(limitText, WidgetFrequencyText.Limit(Widget(period, limit)));
        Assert.Equal(shownText, WidgetFrequencyText.Shown(2, limit, period));
    }

    [Theory]
    [InlineData(WidgetFrequencyPeriod.Day, 3, "3rd display on 4 Mar 2026; the widget allows 2 per day.")]
    [InlineData(WidgetFrequencyPeriod.Week, 12, "12th display in the week of 2 Mar 2026; the widget allows 2 per week.")]
    [InlineData(WidgetFrequencyPeriod.Session, 2, "2nd display in one session; the widget allows 2 per session.")]
    [InlineData(WidgetFrequencyPeriod.Lifetime, 21, "21st display in total; the widget allows 2 in a lifetime.")]
    public void A_display_beyond_the_limit_says_which_display_it_was(WidgetFrequencyPeriod period, int ordinal, string expected)
    {
        var display = Utc("2026-03-04 10:00");
        var mark = new WidgetDisplayMark(ordinal, 2, WidgetFrequency.PeriodOf(period, display, "s-1", Kyiv));

        Assert.Equal(expected, WidgetFrequencyText.BeyondLimit(mark));
    }
}
