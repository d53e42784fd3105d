using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Contacts;

/// <summary>
/// Where the engine pages a count's collected ids (PostgreSQL), an early page of many of them, and the Next or Previous
/// page from a boundary row, reads only the contacts it shows, found by walking the sort's index; when the matches sit
/// where the walk does not reach, it reads them all. Either way the grid shows what a scan shows.
/// </summary>
[Trait(TestStore.Trait, TestStore.PostgreSqlOnly)]
public sealed class CountedIdsWalkTests : StoreTest
{
    private const int Contacts = 600;
    private readonly CommandRecorder commands = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddStoreInterceptors(commands);

    protected override async Task SeedAsync(StoreBuilder store)
    {
        // Created one minute apart in id order: the newest have the highest ids. Every other contact is a "Spread";
        // the oldest 300 are "Oldfield".
        await using var db = NewContext();
        var epoch = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        db.Contacts.AddRange(Enumerable.Range(0, Contacts).Select(i => new Contact
        {
            FirstName = i % 2 == 0 ? "Spread" : "Even",
            LastName = i < Contacts / 2 ? "Oldfield" : "Newman",
            CreatedAt = epoch.AddMinutes(i), LastEditAt = epoch.AddMinutes(Contacts - i), Source = ContactSource.Api,
        }));
        await db.SaveChangesAsync(Ct);
    }

    [Theory]
    [InlineData(ContactSort.CreatedAt, true)]
    [InlineData(ContactSort.CreatedAt, false)]
    [InlineData(ContactSort.LastEditAt, true)]
    public async Task Matches_spread_over_the_store_are_found_by_walking_the_sort_and_only_the_page_is_read(ContactSort sort, bool descending)
    {
        var queries = new ContactQueries(Factory);
        for (var page = 0; page < 2; page++)
        {
            commands.Clear();
            var query = new ContactListQuery { Filter = new ContactFilter { Search = "spread" }, Sort = sort, Descending = descending, Page = page };
            var shown = await queries.ListAsync(query, Ct);

            Assert.Equal(await ScannedPageAsync(query), shown.Rows.Select(r => r.Id));
            Assert.Equal((TotalKind.Exact, Contacts / 2), (shown.TotalKind, shown.TotalCount));
            Assert.True(shown.HasNextPage);
            // The page's contacts are looked up by the ids of this page and the row after it, not all 300.
            Assert.Equal((page + 1) * query.PageSize + 1, IdsLookedUp());
        }
    }

    [Fact]
    public async Task Next_and_previous_walk_from_their_boundary_row_and_show_the_scans_pages()
    {
        var queries = new ContactQueries(Factory);
        var first = new ContactListQuery { Filter = new ContactFilter { Search = "spread" } };
        var firstPage = await queries.ListAsync(first, Ct);

        commands.Clear();
        var next = first with { Page = 1, StartAfterId = firstPage.Rows[^1].Id };
        var nextPage = await queries.ListAsync(next, Ct);
        Assert.Equal(await ScannedPageAsync(next), nextPage.Rows.Select(r => r.Id));
        Assert.True(nextPage.HasNextPage);
        Assert.Equal(first.PageSize + 1, IdsLookedUp());
        // The search's plan, the walk and the page share one look at the store's end and one read of the boundary row.
        Assert.Single(commands.Texts, sql => sql.Contains("max(", StringComparison.OrdinalIgnoreCase));
        Assert.Single(commands.Texts, sql => sql.Contains("\"LastEditAt\"") && sql.Contains("LIMIT 2"));

        var third = await queries.ListAsync(next with { Page = 2, StartAfterId = nextPage.Rows[^1].Id }, Ct);
        commands.Clear();
        var previous = first with { Page = 1, EndBeforeId = third.Rows[0].Id };
        var previousPage = await queries.ListAsync(previous, Ct);
        Assert.Equal(nextPage.Rows.Select(r => r.Id), previousPage.Rows.Select(r => r.Id));
        Assert.Equal(first.PageSize + 1, IdsLookedUp());
    }

    [Fact]
    public async Task Matches_bunched_where_the_walk_stops_are_all_read_and_the_page_is_the_same()
    {
        // Newest first, the walk gives up long before the oldest 300 (its bound is four times the 104 rows that
        // 26 matches spread evenly would take).
        var query = new ContactListQuery { Filter = new ContactFilter { Search = "oldfield" }, Sort = ContactSort.CreatedAt, Descending = true };

        var shown = await new ContactQueries(Factory).ListAsync(query, Ct);

        Assert.Equal(await ScannedPageAsync(query), shown.Rows.Select(r => r.Id));
        Assert.Equal(Contacts / 2, IdsLookedUp());
    }

    [Fact]
    public async Task With_the_walk_off_every_collected_id_is_read()
    {
        var query = new ContactListQuery { Filter = new ContactFilter { Search = "spread" } };

        var shown = await new ContactQueries(Factory) { CountedIdsWalkEntries = 0 }.ListAsync(query, Ct);

        Assert.Equal(await ScannedPageAsync(query), shown.Rows.Select(r => r.Id));
        Assert.Equal(Contacts / 2, IdsLookedUp());
    }

    private async Task<List<long>> ScannedPageAsync(ContactListQuery query)
    {
        await using var db = NewContext();
        var scanned = ContactFiltering.SearchByScan(db.Contacts, query.Filter.Search);
        return await ContactQueries.Sorted(scanned, query.Sort, query.Descending)
            .Skip(query.Page * query.PageSize).Take(query.PageSize).Select(c => c.Id).ToListAsync(Ct);
    }

    /// <summary>How many ids the page's look-up of collected ids carried (its one array parameter).</summary>
    private int IdsLookedUp() =>
        Assert.Single(commands.Commands.SelectMany(c => c.Parameters).Select(p => p.Value).OfType<long[]>()).Length;
}
