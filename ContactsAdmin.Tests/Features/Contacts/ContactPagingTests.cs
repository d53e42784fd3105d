using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Contacts;

/// <summary>
/// Keyset paging (seeking from the row at the edge of the page shown) must give exactly the pages OFFSET
/// paging gives, in both directions, with ties on the sort key and under a filter; the capped count must say
/// when it is only a lower bound. And each sort must read in index order, never sorting the whole table (SQLite's
/// query plans: those tests run on SQLite only, the others on both engines).
/// </summary>
public class ContactPagingTests : TracedStoreTest
{
    private const int PageSize = 25;
    private ContactQueries queries = null!;
    private SubscriptionCategory newsletter = null!;
    private CustomFieldDefinition lifetimeValue = null!;

    protected override async Task SeedAsync(StoreBuilder store)
    {
        queries = new ContactQueries(Factory);

        // 130 contacts whose dates tie in runs of seven (and five), so pages split runs of equal keys.
        newsletter = await store.CategoryAsync("Newsletter");
        lifetimeValue = await store.FieldAsync("lifetime_value", CustomFieldType.Number);
        var start = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 130; i++)
        {
            var contact = await store.ContactAsync(c =>
            {
                c.FirstName = $"C{i:000}";
                c.CreatedAt = start.AddHours(i / 7);
                c.LastEditAt = start.AddDays(i % 5);
                c.Source = i % 3 == 0 ? ContactSource.Import : ContactSource.Api;
                c.Email = i % 4 == 0 ? null : $"c{i}@example.com";
            });
            if (i % 2 == 0) await store.SubscribeAsync(contact, newsletter, subscribed: i % 10 != 0);
            if (i % 3 == 0) await store.ValueAsync(contact, lifetimeValue, (i * 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static TheoryData<string> SubqueryFilters => ["category", "value > 500", "value < 300", "no value", "category + value < 900"];

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Theory]
    [MemberData(nameof(SubqueryFilters))]
    public async Task Category_and_custom_field_filters_give_the_same_pages_read_either_way(string which)
    {
        var filter = which switch
        {
            "category" => new ContactFilter { CategoryId = newsletter.Id },
            "value > 500" => new ContactFilter { Field = new(lifetimeValue.Id, FieldOperator.Greater, "500") },
            "value < 300" => new ContactFilter { Field = new(lifetimeValue.Id, FieldOperator.Less, "300") },
            "no value" => new ContactFilter { Field = new(lifetimeValue.Id, FieldOperator.IsEmpty, null) },
            _ => new ContactFilter { CategoryId = newsletter.Id, Field = new(lifetimeValue.Id, FieldOperator.Less, "900") },
        };
        // Under a cap of 3 every page is read by probing each contact in index order; under the default, by membership.
        var probing = new ContactQueries(Factory) { CountCap = 3 };
        var query = new ContactListQuery { Filter = filter, PageSize = PageSize };

        var exact = await queries.CountAsync(filter, Ct);
        Assert.InRange(exact, 1, 129);
        var seen = new List<long>();
        for (var index = 0; index * PageSize < exact + PageSize; index++)
        {
            var byMembership = await queries.ListAsync(query with { Page = index }, Ct);
            var byProbe = await probing.ListAsync(query with { Page = index }, Ct);
            Assert.Equal(Ids(byMembership), Ids(byProbe));
            Assert.Equal(exact, byMembership.TotalCount);
            seen.AddRange(Ids(byMembership));
        }
        // The count (read by joining the value's index) is the number of distinct contacts the pages hold.
        Assert.Equal(exact, seen.Distinct().Count());
        Assert.Equal(exact, seen.Count);
    }

    public static TheoryData<ContactSort, bool, bool> SeekableViews => new()
    {
        { ContactSort.CreatedAt, true, false },
        { ContactSort.CreatedAt, false, false },
        { ContactSort.LastEditAt, true, false },
        { ContactSort.LastEditAt, false, true },
        { ContactSort.CreatedAt, true, true },
    };

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Theory]
    [MemberData(nameof(SeekableViews))]
    public async Task Next_from_the_last_row_gives_the_same_pages_as_offset(ContactSort sort, bool descending, bool filtered)
    {
        var query = Query(sort, descending, filtered);
        var offsetPages = await OffsetPagesAsync(query);
        Assert.True(offsetPages.Count >= 3, "the data should span several pages");

        var page = await queries.ListAsync(query, Ct);
        for (var index = 1; index < offsetPages.Count; index++)
        {
            page = await queries.ListAsync(query with { Page = index, StartAfterId = page.Rows[^1].Id }, Ct);
            Assert.Equal(offsetPages[index], Ids(page));
            Assert.Equal(index < offsetPages.Count - 1, page.HasNextPage);
        }
    }

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Theory]
    [MemberData(nameof(SeekableViews))]
    public async Task Previous_from_the_first_row_gives_the_same_pages_as_offset(ContactSort sort, bool descending, bool filtered)
    {
        var query = Query(sort, descending, filtered);
        var offsetPages = await OffsetPagesAsync(query);

        var page = await queries.ListAsync(query with { Page = offsetPages.Count - 1 }, Ct);
        for (var index = offsetPages.Count - 2; index >= 0; index--)
        {
            page = await queries.ListAsync(query with { Page = index, EndBeforeId = page.Rows[0].Id }, Ct);
            Assert.Equal(offsetPages[index], Ids(page));
            Assert.True(page.HasNextPage);
        }
    }

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Fact]
    public async Task A_boundary_row_that_no_longer_exists_falls_back_to_the_page_number()
    {
        var query = Query(ContactSort.CreatedAt, descending: true, filtered: false);
        var offsetPages = await OffsetPagesAsync(query);

        var page = await queries.ListAsync(query with { Page = 2, StartAfterId = 999_999 }, Ct);

        Assert.Equal(offsetPages[2], Ids(page));
    }

    [Fact]
    public async Task Seeking_to_a_deep_page_starts_the_index_scan_at_the_boundary()
    {
        var query = Query(ContactSort.CreatedAt, descending: true, filtered: false);
        var first = await queries.ListAsync(query, Ct);
        Recorder.Clear();

        await queries.ListAsync(query with { Page = 1, StartAfterId = first.Rows[^1].Id }, Ct);

        var pageQuery = Recorder.Plans.Single(p => p.Sql.Contains("ORDER BY") && p.Sql.Contains("LIMIT"));
        Assert.Contains(pageQuery.Steps, s => s.Contains("USING INDEX IX_Contacts_CreatedAt (CreatedAt<?)"));
    }

    public static TheoryData<ContactSort, bool> AllSorts => new(
        Enum.GetValues<ContactSort>().SelectMany(sort => new[] { (sort, false), (sort, true) }));

    [Theory]
    [MemberData(nameof(AllSorts))]
    public async Task Every_sort_reads_in_index_order_without_sorting_the_table(ContactSort sort, bool descending)
    {
        Recorder.Clear();

        await queries.ListAsync(new ContactListQuery { Sort = sort, Descending = descending }, Ct);

        var pageQuery = Recorder.Plans.Single(p => p.Sql.Contains("ORDER BY") && p.Sql.Contains("LIMIT"));
        Assert.DoesNotContain(pageQuery.Steps, s => s.Contains("USE TEMP B-TREE"));
    }

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Theory]
    [MemberData(nameof(AllSorts))]
    public async Task The_compiled_pages_of_the_unfiltered_grid_equal_the_pages_of_the_general_query(ContactSort sort, bool descending)
    {
        await using var db = Database.NewContext();
        var general = ContactPaging.ToRows(ContactQueries.Sorted(db.Contacts.AsNoTracking(), sort, descending));

        for (var index = 0; index < 7; index++)   // 130 contacts: five full pages, a part page, an empty one
        {
            var page = await queries.ListAsync(new ContactListQuery { Sort = sort, Descending = descending, Page = index, PageSize = PageSize }, Ct);
            var expected = await general.Skip(index * PageSize).Take(PageSize).ToListAsync(Ct);

            Assert.Equal(expected.Select(Columns), page.Rows.Select(Columns));
            Assert.Equal(index < 5, page.HasNextPage);
            Assert.Equal(130, page.TotalCount);
        }

        static object Columns(ContactRow r) =>
            (r.Id, r.FirstName, r.LastName, r.Email, r.Phone, r.EmailStatus, r.Source, r.CreatedAt, r.LastEditAt, r.Country, r.Language);
    }

    public static TheoryData<ContactSort, bool, bool> EverySortFilteredOrNot => new(
        Enum.GetValues<ContactSort>().SelectMany(sort => new[] { (sort, false, false), (sort, true, false), (sort, false, true), (sort, true, true) }));

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Theory]
    [MemberData(nameof(EverySortFilteredOrNot))]
    public async Task Deep_pages_read_by_their_ids_first_equal_the_pages_skipped_row_by_row(ContactSort sort, bool descending, bool filtered)
    {
        // Pages from the third on skip 50 rows or more: with this setting they read their ids first.
        var deep = new ContactQueries(Factory) { DeepPageRows = 2 * PageSize };
        var query = Query(sort, descending, filtered);

        for (var index = 0; index < 7; index++)
        {
            var expected = await queries.ListAsync(query with { Page = index }, Ct);
            var page = await deep.ListAsync(query with { Page = index }, Ct);

            Assert.Equal(Ids(expected), Ids(page));
            Assert.Equal(expected.HasNextPage, page.HasNextPage);
        }
    }

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Fact]
    public async Task A_total_above_the_cap_is_reported_as_a_lower_bound_and_counted_exactly_on_request()
    {
        var capped = new ContactQueries(Factory) { CountCap = 100 };

        var page = await capped.ListAsync(new ContactListQuery(), Ct);
        var exact = await capped.CountAsync(ContactFilter.None, Ct);
        var few = await capped.ListAsync(new ContactListQuery { Filter = new ContactFilter { Source = ContactSource.Import } }, Ct);

        Assert.False(page.TotalIsExact);
        Assert.Equal(100, page.TotalCount);
        Assert.True(page.HasNextPage);
        Assert.Equal(130, exact);
        Assert.True(few.TotalIsExact);
        Assert.Equal(44, few.TotalCount);
    }

    private static ContactListQuery Query(ContactSort sort, bool descending, bool filtered) => new()
    {
        Sort = sort, Descending = descending, PageSize = PageSize,
        Filter = filtered ? new ContactFilter { Source = ContactSource.Api } : ContactFilter.None,
    };

    private async Task<List<List<long>>> OffsetPagesAsync(ContactListQuery query)
    {
        var pages = new List<List<long>>();
        for (var index = 0; ; index++)
        {
            var page = await queries.ListAsync(query with { Page = index }, Ct);
            if (page.Rows.Count == 0) return pages;
            pages.Add(Ids(page));
        }
    }

    private static List<long> Ids(ContactPage page) => page.Rows.Select(r => r.Id).ToList();
}
