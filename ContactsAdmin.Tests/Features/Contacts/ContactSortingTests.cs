using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Features.Contacts;

/// <summary>
/// The grid's sorts that are not a plain index order: by name with the nameless contacts last, and by an added
/// custom field or category column. Every page is read as the grid reads it, and the pages together must hold each
/// contact exactly once, in the promised order.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactSortingTests : StoreTest
{
    private const int PageSize = 25;
    private ContactQueries queries = null!;
    private CustomFieldDefinition lifetimeValue = null!;
    private CustomFieldDefinition nickname = null!;
    private SubscriptionCategory newsletter = null!;
    private readonly Dictionary<long, double> values = [];
    private readonly HashSet<long> subscribed = [];
    private readonly HashSet<long> nameless = [];

    protected override async Task SeedAsync(StoreBuilder store)
    {
        queries = new ContactQueries(Factory);
        lifetimeValue = await store.FieldAsync("lifetime_value", CustomFieldType.Number);
        nickname = await store.FieldAsync("nickname", CustomFieldType.Text);
        newsletter = await store.CategoryAsync("Newsletter");

        // 70 contacts: named ones (some with only a first or a last name), and nameless ones with and without an
        // address, mixed in creation order; values that tie in runs of four, and a third without a value.
        for (var i = 0; i < 70; i++)
        {
            var n = i;
            var contact = await store.ContactAsync(c =>
            {
                (c.FirstName, c.LastName) = (n % 5) switch
                {
                    0 => (null, null),
                    1 => ($"First{n:00}", null),
                    2 => (null, $"Last{n:00}"),
                    3 => ($"First{n:00}", $"Last{70 - n:00}"),
                    _ => (null, null),
                };
                c.Email = n % 10 == 0 ? null : $"c{n}@example.com";
                c.CreatedAt = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc).AddHours(n);
            });
            if (n % 5 is 0 or 4) nameless.Add(contact.Id);
            if (n % 3 != 0)
            {
                values[contact.Id] = n / 4 * 10;
                await store.ValueAsync(contact, lifetimeValue, (n / 4 * 10).ToString(CultureInfo.InvariantCulture));
            }
            if (n % 7 == 0) await store.ValueAsync(contact, nickname, n % 2 == 0 ? $"alpha{n}" : $"ALPHA{n}");
            if (n % 4 == 1)
            {
                subscribed.Add(contact.Id);
                await store.SubscribeAsync(contact, newsletter);
            }
            else if (n % 4 == 2)
            {
                await store.SubscribeAsync(contact, newsletter, subscribed: false);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sorting_by_name_puts_contacts_without_a_name_last_in_both_directions(bool descending)
    {
        var rows = await AllPagesAsync(new ContactListQuery { Sort = ContactSort.Name, Descending = descending, PageSize = PageSize });

        Assert.Equal(70, rows.Select(r => r.Id).Distinct().Count());
        var firstNameless = rows.FindIndex(r => nameless.Contains(r.Id));
        Assert.Equal(70 - nameless.Count, firstNameless);
        Assert.All(rows[firstNameless..], r => Assert.Contains(r.Id, nameless));
        Assert.All(rows[..firstNameless], r => Assert.True(r.FirstName is not null || r.LastName is not null));
        var named = rows[..firstNameless].Select(r => (r.LastName ?? "", r.FirstName ?? "")).ToList();
        Assert.Equal(descending ? named.OrderDescending() : named.Order(), named);
    }

    [Fact]
    public async Task A_page_beyond_every_named_contact_starts_at_the_right_nameless_one()
    {
        var query = new ContactListQuery { Sort = ContactSort.Name, Descending = false, PageSize = PageSize };
        var all = await AllPagesAsync(query);

        // 70 rows, 42 named: page 3 (rows 50 to 69) holds only nameless contacts, from the ninth on.
        var third = await queries.ListAsync(query with { Page = 2 }, Ct);

        Assert.Equal(all[50..].Select(r => r.Id), third.Rows.Select(r => r.Id));
        Assert.False(third.HasNextPage);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sorting_by_a_number_field_pages_through_the_values_with_missing_ones_last(bool descending)
    {
        var query = new ContactListQuery
        {
            SortColumn = new ExtraColumnSort(ExtraColumnKind.Field, lifetimeValue.Id), Descending = descending, PageSize = PageSize,
            FieldColumns = [lifetimeValue.Id],
        };

        var rows = await AllPagesAsync(query);

        Assert.Equal(70, rows.Select(r => r.Id).Distinct().Count());
        var shown = rows.Select(r => values.TryGetValue(r.Id, out var v) ? v : (double?)null).ToList();
        var withValue = shown.TakeWhile(v => v is not null).Select(v => v!.Value).ToList();
        Assert.Equal(values.Count, withValue.Count);
        Assert.All(shown.Skip(withValue.Count), v => Assert.Null(v));
        Assert.Equal(descending ? withValue.OrderDescending() : withValue.Order(), withValue);
        // The grid shows the value it sorted by.
        Assert.All(rows.Where(r => values.ContainsKey(r.Id)), r => Assert.Equal(values[r.Id], r.FieldValues[lifetimeValue.Id].Number));
    }

    [Fact]
    public async Task A_field_sort_reached_with_a_page_anchor_gives_the_same_pages_as_by_page_number()
    {
        // Next and Previous write the edge row into the URL; a sort that cannot seek reads the page number instead.
        var query = new ContactListQuery { SortColumn = new ExtraColumnSort(ExtraColumnKind.Field, lifetimeValue.Id), Descending = true, PageSize = PageSize };
        var first = await queries.ListAsync(query, Ct);
        var second = await queries.ListAsync(query with { Page = 1 }, Ct);

        var anchoredNext = await queries.ListAsync(query with { Page = 1, StartAfterId = first.Rows[^1].Id }, Ct);
        var anchoredPrevious = await queries.ListAsync(query with { Page = 0, EndBeforeId = second.Rows[0].Id }, Ct);

        Assert.Equal(second.Rows.Select(r => r.Id), anchoredNext.Rows.Select(r => r.Id));
        Assert.Equal(first.Rows.Select(r => r.Id), anchoredPrevious.Rows.Select(r => r.Id));
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
    }

    [Fact]
    public async Task Sorting_by_a_text_field_ignores_case()
    {
        var query = new ContactListQuery { SortColumn = new ExtraColumnSort(ExtraColumnKind.Field, nickname.Id), Descending = false, PageSize = PageSize, FieldColumns = [nickname.Id] };

        var rows = await AllPagesAsync(query);

        var texts = rows.Select(r => r.FieldValues.TryGetValue(nickname.Id, out var v) ? v.Text : null).TakeWhile(t => t is not null).ToList();
        Assert.Equal(10, texts.Count);
        Assert.Equal(texts.OrderBy(t => t, StringComparer.OrdinalIgnoreCase), texts);
    }

    [Fact]
    public async Task Sorting_by_a_category_descending_brings_the_subscribed_contacts_first_under_a_filter_too()
    {
        var sort = new ExtraColumnSort(ExtraColumnKind.Category, newsletter.Id);
        var query = new ContactListQuery { SortColumn = sort, Descending = true, PageSize = PageSize, Filter = new ContactFilter { Search = "example.com" } };

        var rows = await AllPagesAsync(query);

        Assert.Equal(63, rows.Select(r => r.Id).Distinct().Count());   // seven contacts have no address
        var expectedSubscribed = subscribed.Count(id => rows.Any(r => r.Id == id));
        Assert.All(rows[..expectedSubscribed], r => Assert.Contains(r.Id, subscribed));
        Assert.All(rows[expectedSubscribed..], r => Assert.DoesNotContain(r.Id, subscribed));
    }

    [Fact]
    public async Task A_sort_by_a_field_that_no_longer_exists_falls_back_to_the_built_in_sort()
    {
        var query = new ContactListQuery { SortColumn = new ExtraColumnSort(ExtraColumnKind.Field, 999), Sort = ContactSort.CreatedAt, Descending = true, PageSize = PageSize };

        var page = await queries.ListAsync(query, Ct);
        var byCreation = await queries.ListAsync(query with { SortColumn = null }, Ct);

        Assert.Equal(byCreation.Rows.Select(r => r.Id), page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task A_search_whose_token_is_cancelled_stops_with_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            queries.ListAsync(new ContactListQuery { Filter = new ContactFilter { Search = "example" } }, cancelled.Token));
    }

    private async Task<List<ContactRow>> AllPagesAsync(ContactListQuery query)
    {
        var rows = new List<ContactRow>();
        for (var index = 0; ; index++)
        {
            var page = await queries.ListAsync(query with { Page = index }, Ct);
            rows.AddRange(page.Rows);
            if (!page.HasNextPage) return rows;
            Assert.Equal(PageSize, page.Rows.Count);
        }
    }
}
