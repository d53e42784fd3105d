using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;

namespace ContactsAdmin.Tests.Features.Activities;

/// <summary>The activity tab's filters and page, as they are written in the card's URL.</summary>
public class ActivityViewTests
{
    private static readonly DateOnly Today = new(2026, 3, 20);

    [Fact]
    public void Every_filter_and_the_page_round_trip_through_the_URL()
    {
        var view = new ActivityView
        {
            Channel = ActivityChannel.Email, Status = MessageStatus.Clicked, From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 3, 31),
            Search = "spring sale", Page = 1, PageSize = 50,
        };

        var uri = view.ToUri(7);

        Assert.Equal("/contacts/7?tab=activity&channel=email&status=clicked&from=2026-01-01&to=2026-03-31&q=spring%20sale&page=2&size=50", uri);
        Assert.Equal(view, ActivityView.FromUri("http://localhost" + uri));
    }

    [Fact]
    public void The_default_view_is_just_the_tab()
    {
        Assert.Equal("/contacts/7?tab=activity", ActivityView.Default.ToUri(7));
        Assert.False(ActivityView.Default.HasFilters);
    }

    [Fact]
    public void Anything_unreadable_in_the_URL_is_left_out()
    {
        var view = ActivityView.FromUri("http://localhost/contacts/7?tab=activity&channel=fax&status=9&from=yesterday&to=2026-02-30&page=-3&size=7");

        Assert.Equal(ActivityView.Default, view);
    }

    [Fact]
    public void The_page_and_its_size_are_not_filters()
    {
        var paged = ActivityView.Default with { Page = 3, PageSize = 100 };

        Assert.False(paged.HasFilters);
        Assert.Equal(ActivityView.Default, paged.Filters);
        Assert.Equal(ActivityView.Default with { PageSize = 100 }, (paged with { Status = MessageStatus.Read }).WithoutFilters());
    }

    [Theory]
    [InlineData(7, "2026-03-14")]
    [InlineData(30, "2026-02-19")]
    [InlineData(90, "2025-12-21")]
    public void A_quick_range_is_the_last_days_up_to_today_and_starts_on_the_first_page(int days, string from)
    {
        var view = (ActivityView.Default with { Page = 4 }).WithQuickRange(days, Today);

        Assert.Equal((DateOnly.Parse(from, CultureInfo.InvariantCulture), Today, 0), (view.From!.Value, view.To!.Value, view.Page));
        Assert.True(view.IsQuickRange(days, Today));
        Assert.False(view.IsQuickRange(null, Today));
    }

    [Fact]
    public void The_all_quick_range_clears_the_dates()
    {
        var view = (ActivityView.Default with { From = Today, To = Today }).WithQuickRange(null, Today);

        Assert.Equal((null, null), (view.From, view.To));
        Assert.True(view.IsQuickRange(null, Today));
    }
}
