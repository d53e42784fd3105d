using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;

namespace ContactsAdmin.Tests.Features.Contacts;

public class ContactGridViewTests
{
    [Fact]
    public void The_default_view_is_the_bare_contacts_address()
    {
        Assert.Equal("/contacts", ContactGridView.Default.ToUri());
        Assert.Equal(ContactGridView.Default, ContactGridView.FromUri("http://host/contacts"));
    }

    [Fact]
    public void Every_part_of_a_view_survives_the_round_trip_through_the_URL()
    {
        var view = new ContactGridView
        {
            Search = "olena & co",
            Status = EmailStatus.ReportedSpam,
            Source = ContactSource.SubscriptionForm,
            CategoryId = 3,
            CreatedFrom = new DateOnly(2026, 1, 1),
            CreatedTo = new DateOnly(2026, 3, 31),
            EditedFrom = new DateOnly(2026, 2, 1),
            FieldId = 7,
            FieldOperator = FieldOperator.Greater,
            FieldValue = "1000",
            Sort = ContactSort.Name,
            Descending = false,
            Page = 4,
            PageSize = 50,
        };

        var uri = view.ToUri();

        Assert.Equal(view, ContactGridView.FromUri("https://admin.example.com" + uri));
        Assert.Contains("q=olena%20%26%20co", uri);
        Assert.Contains("created=2026-01-01..2026-03-31", uri);
        Assert.Contains("edited=2026-02-01..", uri);
        Assert.Contains("page=5", uri);
    }

    [Fact]
    public void Nonsense_in_the_URL_falls_back_to_defaults_instead_of_failing()
    {
        var view = ContactGridView.FromUri("/contacts?status=purple&source=9&page=-3&size=7&sort=-shoe&created=yesterday..&op=explode");

        Assert.Null(view.Status);
        Assert.Null(view.Source);
        Assert.Equal(0, view.Page);
        Assert.Equal(25, view.PageSize);
        Assert.Equal(ContactSort.CreatedAt, view.Sort);
        Assert.Null(view.CreatedFrom);
        Assert.Equal(FieldOperator.Equals, view.FieldOperator);
    }

    [Fact]
    public void Day_ranges_become_UTC_instants_in_the_users_time_zone_with_the_last_day_included()
    {
        var kyiv = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");
        var view = new ContactGridView { CreatedFrom = new DateOnly(2026, 7, 1), CreatedTo = new DateOnly(2026, 7, 31) };

        var filter = view.ToQuery(kyiv).Filter;

        Assert.Equal(new DateTime(2026, 6, 30, 21, 0, 0, DateTimeKind.Utc), filter.CreatedFrom);
        Assert.Equal(new DateTime(2026, 7, 31, 21, 0, 0, DateTimeKind.Utc), filter.CreatedTo);
    }

    [Fact]
    public void Clearing_filters_keeps_sort_and_page_size_and_goes_back_to_the_first_page()
    {
        var view = new ContactGridView { Search = "x", Status = EmailStatus.Active, Sort = ContactSort.Email, PageSize = 100, Page = 3 };

        var cleared = view.WithoutFilters();

        Assert.False(cleared.HasFilters);
        Assert.True(view.HasFilters);
        Assert.Equal((ContactSort.Email, 100, 0), (cleared.Sort, cleared.PageSize, cleared.Page));
    }
}
