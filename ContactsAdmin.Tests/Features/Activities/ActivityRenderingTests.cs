using Bunit;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Features.Activities;

/// <summary>How the activity tab draws statuses, channels, details, the count chips and widget displays beyond their frequency.</summary>
public class ActivityRenderingTests : ComponentTestContext
{
    private static readonly DateTime When = new(2026, 3, 4, 10, 15, 0, DateTimeKind.Utc);
    private static readonly TimeZoneInfo Kyiv = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");

    private static Widget Widget(WidgetFrequencyPeriod period, int limit) =>
        new() { Id = 1, Key = "welcome", Name = "Welcome popup", FrequencyPeriod = period, FrequencyLimit = limit };

    private static WidgetDisplayMark Mark(int ordinal, int limit, WidgetFrequencyPeriod period = WidgetFrequencyPeriod.Day) =>
        new(ordinal, limit, WidgetFrequency.PeriodOf(period, When, "s-1", Kyiv));

    [Theory]
    [InlineData(MessageStatus.Delivered, "Delivered", "default")]
    [InlineData(MessageStatus.Read, "Read", "info")]
    [InlineData(MessageStatus.Clicked, "Clicked", "success")]
    [InlineData(MessageStatus.Undelivered, "Undelivered", "error")]
    [InlineData(MessageStatus.Unsubscribed, "Unsubscribed", "warning")]
    [InlineData(MessageStatus.Spam, "Spam complaint", "dark")]
    public void Each_message_status_is_a_chip_with_its_name_and_colour(MessageStatus status, string label, string colour)
    {
        var chip = Render<ActivityStatusChip>(p => p.Add(c => c.Status, status)).Find(".activity-status-chip");

        Assert.Equal(label, chip.TextContent.Trim());
        Assert.Equal(status.ToString(), chip.GetAttribute("data-status"));
        Assert.Contains(chip.ClassList, c => c.EndsWith("-" + colour, StringComparison.Ordinal));
    }

    [Fact]
    public void An_app_or_website_event_has_no_status_chip()
    {
        var cell = Render<ActivityStatusChip>(p => p.Add(c => c.Status, null));

        Assert.Empty(cell.FindAll(".activity-status-chip"));
        Assert.Equal("—", cell.Find(".activity-no-status").TextContent);
    }

    [Theory]
    [InlineData(ActivityChannel.Email, "Email")]
    [InlineData(ActivityChannel.Sms, "SMS")]
    [InlineData(ActivityChannel.MobilePush, "Mobile push")]
    [InlineData(ActivityChannel.WebPush, "Web push")]
    [InlineData(ActivityChannel.AppInbox, "App inbox")]
    [InlineData(ActivityChannel.InApp, "In-app")]
    [InlineData(ActivityChannel.WebWidget, "Web widget")]
    [InlineData(ActivityChannel.App, "App")]
    [InlineData(ActivityChannel.Website, "Website")]
    public void Each_channel_is_shown_with_its_name_and_an_icon(ActivityChannel channel, string label)
    {
        var cell = Render<ActivityChannelLabel>(p => p.Add(c => c.Channel, channel)).Find(".activity-channel");

        Assert.Equal(label, cell.TextContent.Trim());
        Assert.Single(cell.QuerySelectorAll("svg"));
    }

    [Fact]
    public void Every_channel_has_an_icon_of_its_own()
    {
        var icons = Enum.GetValues<ActivityChannel>().Select(ActivityLabels.IconOf).ToList();

        Assert.Equal(icons.Count, icons.Distinct().Count());
    }

    [Fact]
    public void The_grid_shows_each_row_with_its_channel_name_status_and_details()
    {
        IReadOnlyList<ActivityRow> rows =
        [
            new(3, When, ActivityChannel.Email, "Spring sale", MessageStatus.Undelivered, """{"bounceType":"hard","smtpCode":"5.1.1"}""", null, null),
            new(2, When.AddMinutes(-5), ActivityChannel.Sms, "Flash sale", MessageStatus.Clicked, """{"link":"https://shop.example/sale"}""", null, null),
            new(1, When.AddMinutes(-9), ActivityChannel.Website, "AddToCart", null, """{"productId":"SKU-1","quantity":2}""", null, null),
        ];

        var grid = Render<ActivityGrid>(p => p.Add(c => c.Rows, rows).Add(c => c.Page, 0).Add(c => c.PageSize, 25).Add(c => c.TotalCount, 3));

        var cells = grid.FindAll("#activity-grid tbody tr.activity-row").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(3, cells.Count);
        Assert.Equal(["2026-03-04 10:15", "Email", "Spring sale", "Undelivered", "Hard bounce · 5.1.1"], cells[0].Skip(1));
        Assert.Equal(["SMS", "Flash sale", "Clicked", "https://shop.example/sale"], cells[1].Skip(2));
        Assert.Equal(["Website", "AddToCart", "—", "productId: SKU-1, quantity: 2"], cells[2].Skip(2));
        Assert.Equal("1–3 of 3", grid.Find("#activity-pager-position").TextContent);
    }

    [Fact]
    public void Expanded_details_show_the_link_clicked_the_bounce_and_the_event_parameters_as_a_table()
    {
        var details = ActivityDetails.Parse("""
            {"link":"https://shop.example/sale","bounceType":"hard","smtpCode":"5.1.1","diagnostic":"550 5.1.1 user unknown","orderId":"ORD-1","total":49.5}
            """);

        var view = Render<ActivityDetailsView>(p => p.Add(c => c.Details, details));

        Assert.Equal("https://shop.example/sale", view.Find("a.activity-link").GetAttribute("href"));
        Assert.Equal("Hard bounce", view.Find(".bounce-type").TextContent);
        Assert.Equal("SMTP 5.1.1", view.Find(".smtp-code").TextContent);
        Assert.Contains("550 5.1.1 user unknown", view.Markup);
        var parameters = view.FindAll(".activity-parameters tbody tr").Select(r => r.TextContent.Trim().Replace("\n", "").Replace(" ", "")).ToList();
        Assert.Equal(["orderIdORD-1", "total49.5"], parameters);
    }

    [Fact]
    public void A_link_that_is_not_a_web_address_is_not_made_clickable()
    {
        var view = Render<ActivityDetailsView>(p => p.Add(c => c.Details, ActivityDetails.Parse("""{"link":"javascript:alert(1)"}""")));

        Assert.Null(view.Find(".activity-link").GetAttribute("href"));
        Assert.Equal("javascript:alert(1)", view.Find(".activity-link").TextContent);
    }

    [Fact]
    public void A_display_beyond_the_frequency_is_marked_and_says_which_display_it_was()
    {
        var marker = Render<WidgetLimitMarker>(p => p.Add(c => c.Mark, Mark(3, 2)));

        var chip = marker.Find(".widget-beyond-limit");
        Assert.Equal("Beyond frequency", chip.TextContent.Trim());
        Assert.Equal("Beyond the widget's frequency: 3rd display on 4 Mar 2026; the widget allows 2 per day.", chip.GetAttribute("aria-label"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_display_within_the_frequency_is_not_marked(int ordinal)
    {
        Assert.Empty(Render<WidgetLimitMarker>(p => p.Add(c => c.Mark, Mark(ordinal, 2))).Markup.Trim());
        Assert.Empty(Render<WidgetLimitMarker>(p => p.Add(c => c.Mark, null)).Markup.Trim());
    }

    [Fact]
    public void The_grid_marks_a_widget_display_beyond_its_frequency_beside_its_name()
    {
        IReadOnlyList<ActivityRow> rows =
        [
            new(2, When, ActivityChannel.WebWidget, "Welcome popup", MessageStatus.Delivered, null, 1, "s-1") { FrequencyMark = Mark(2, 1) },
            new(1, When.AddMinutes(-1), ActivityChannel.WebWidget, "Welcome popup", MessageStatus.Delivered, null, 1, "s-1") { FrequencyMark = Mark(1, 1) },
        ];

        var grid = Render<ActivityGrid>(p => p.Add(c => c.Rows, rows).Add(c => c.Page, 0).Add(c => c.PageSize, 25).Add(c => c.TotalCount, 2));

        var marked = grid.FindAll("#activity-grid tbody tr.activity-row").Select(r => r.QuerySelector(".widget-beyond-limit") is not null).ToList();
        Assert.Equal([true, false], marked);
    }

    [Fact]
    public void A_widget_beyond_its_frequency_now_shows_the_count_and_explains_incognito_windows_and_cleared_cookies()
    {
        var standing = new WidgetStanding(Widget(WidgetFrequencyPeriod.Day, 3), ShownInCurrentPeriod: 4, TotalDisplays: 9, LastShownAt: When);

        var panel = Render<WidgetStandingsPanel>(p => p.Add(c => c.Standings, [standing]).Add(c => c.ContactTimeZone, "Europe/Kyiv"));

        var row = panel.Find("#widget-standings tbody tr");
        Assert.Contains("Welcome popup", row.TextContent);
        Assert.Contains("at most 3 per day", row.TextContent);
        Assert.Equal("shown 4 of 3 today", row.QuerySelector(".widget-shown.beyond")!.TextContent.Trim());
        var note = panel.Find("#widget-frequency-note").TextContent;
        Assert.Contains("incognito", note);
        Assert.Contains("cleared cookies and local data", note);
        Assert.Contains("Europe/Kyiv", panel.Find("#widget-standings").TextContent);
    }

    [Fact]
    public void Widgets_within_their_frequency_need_no_explanation_unless_the_grid_marks_a_display()
    {
        var standing = new WidgetStanding(Widget(WidgetFrequencyPeriod.Week, 3), ShownInCurrentPeriod: 3, TotalDisplays: 3, LastShownAt: When);

        var calm = Render<WidgetStandingsPanel>(p => p.Add(c => c.Standings, [standing]));
        var marked = Render<WidgetStandingsPanel>(p => p.Add(c => c.Standings, [standing]).Add(c => c.AnyMarkedBelow, true));

        Assert.Equal("shown 3 of 3 this week", calm.Find(".widget-shown").TextContent.Trim());
        Assert.Empty(calm.FindAll("#widget-frequency-note"));
        Assert.Single(marked.FindAll("#widget-frequency-note"));
    }

    [Fact]
    public void The_count_chips_show_each_channel_and_status_present_and_a_click_filters_from_the_first_page()
    {
        var counts = new ActivityCounts(120, 120,
            new Dictionary<ActivityChannel, int> { [ActivityChannel.Email] = 70, [ActivityChannel.Website] = 50 },
            new Dictionary<MessageStatus, int> { [MessageStatus.Delivered] = 40, [MessageStatus.Clicked] = 30 });
        ActivityView? chosen = null;
        var bar = Render<ActivityCountsBar>(p => p.Add(c => c.Counts, counts).Add(c => c.View, ActivityView.Default with { Page = 3 })
            .Add(c => c.ViewChanged, (ActivityView v) => chosen = v));

        Assert.Equal("120 activities", bar.Find("#activity-total").TextContent);
        Assert.Equal(["Email 70", "Website 50"], bar.FindAll("#activity-channel-chips .activity-chip").Select(Text));
        Assert.Equal(["Delivered 40", "Clicked 30"], bar.FindAll("#activity-status-chips .activity-chip").Select(Text));

        bar.Find("#activity-status-chips [data-status=Clicked]").Click();

        Assert.Equal(ActivityView.Default with { Status = MessageStatus.Clicked }, chosen);
    }

    [Fact]
    public void A_chosen_chip_is_pressed_says_how_many_match_and_a_second_click_clears_it()
    {
        var counts = new ActivityCounts(120, 30,
            new Dictionary<ActivityChannel, int> { [ActivityChannel.Email] = 30 },
            new Dictionary<MessageStatus, int> { [MessageStatus.Delivered] = 40, [MessageStatus.Clicked] = 30 });
        ActivityView? chosen = null;
        var view = ActivityView.Default with { Status = MessageStatus.Clicked };
        var bar = Render<ActivityCountsBar>(p => p.Add(c => c.Counts, counts).Add(c => c.View, view).Add(c => c.ViewChanged, (ActivityView v) => chosen = v));

        Assert.Equal("30 of 120 activities match", bar.Find("#activity-total").TextContent);
        Assert.Equal("true", bar.Find("[data-status=Clicked]").GetAttribute("aria-pressed"));
        Assert.Equal("false", bar.Find("[data-status=Delivered]").GetAttribute("aria-pressed"));

        bar.Find("[data-status=Clicked]").Click();

        Assert.Equal(ActivityView.Default, chosen);
    }

    private static string Text(AngleSharp.Dom.IElement element) => string.Join(" ", element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
