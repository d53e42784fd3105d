using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Features.Contacts;

[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactGridViewTests
{
    [Fact]
    public void The_default_view_is_the_bare_contacts_address()
    {
        Assert.Equal("/contacts", ContactGridView.Default.ToUri());
        Assert.Equal(ContactGridView.Default, ContactGridView.FromUri("http://host/contacts"));
    }

    [Fact]
    public void The_search_runs_at_most_150_ms_after_the_last_keystroke()
    {
        Assert.InRange(ContactFiltersBar.SearchDebounceMilliseconds, 1, 150);
    }

    [Theory]
    [InlineData(ExtraColumnKind.Field, 12, true, "sort=-field.12")]
    [InlineData(ExtraColumnKind.Category, 3, false, "sort=category.3")]
    public void A_sort_by_an_added_column_survives_the_round_trip_through_the_URL(ExtraColumnKind kind, int id, bool descending, string written)
    {
        var view = ContactGridView.Default with { SortColumn = new ExtraColumnSort(kind, id), Descending = descending };

        var uri = view.ToUri();

        Assert.Contains(written, uri);
        Assert.Equal(view, ContactGridView.FromUri("https://admin.example.com" + uri));
        Assert.False(view.HasFilters);
        Assert.Equal(view.SortColumn, view.ToQuery(TimeZoneInfo.Utc).SortColumn);
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

public class ContactGridViewPagingTests
{
    private static readonly ContactRow[] Shown = [Row(41), Row(40), Row(38)];

    private static ContactRow Row(long id) =>
        new(id, "A", "B", null, null, EmailStatus.NoEmail, ContactSource.Api, DateTime.UnixEpoch, DateTime.UnixEpoch, null, null);

    [Fact]
    public void Next_is_anchored_on_the_last_row_shown_and_the_anchor_survives_the_URL()
    {
        var next = (ContactGridView.Default with { Page = 3 }).ToPage(new(4, 25), Shown);

        Assert.Equal("/contacts?page=5&after=38", next.ToUri());
        var query = ContactGridView.FromUri("http://host" + next.ToUri()).ToQuery(TimeZoneInfo.Utc);
        Assert.Equal((4, 38L, (long?)null), (query.Page, query.StartAfterId!.Value, query.EndBeforeId));
    }

    [Fact]
    public void Previous_is_anchored_on_the_first_row_shown_except_back_to_the_first_page()
    {
        var view = ContactGridView.Default with { Page = 3 };

        Assert.Equal("/contacts?page=3&before=41", view.ToPage(new(2, 25), Shown).ToUri());
        Assert.Equal("/contacts", view.ToPage(new(0, 25), Shown).ToUri());
    }

    [Fact]
    public void A_jump_a_new_page_size_or_any_other_change_drops_the_anchor()
    {
        var anchored = ContactGridView.FromUri("http://host/contacts?page=5&after=38");

        Assert.Equal("/contacts?page=8", anchored.ToPage(new(7, 25), Shown).ToUri());
        Assert.Equal("/contacts?size=50", anchored.ToPage(new(0, 50), Shown).ToUri());
        Assert.Equal("/contacts?status=active", (anchored with { Status = EmailStatus.Active, Page = 0 }).ToUri());
        Assert.Null((anchored with { Page = 2 }).ToQuery(TimeZoneInfo.Utc).StartAfterId);
        Assert.False(anchored.HasFilters);
    }
}
