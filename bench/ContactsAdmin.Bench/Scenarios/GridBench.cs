using ContactsAdmin.Features.Contacts;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>The All contacts grid as it opens: the first page and the total, for every sortable column, and a deep page.</summary>
public static class GridBench
{
    private const string Group = "grid";

    // The columns each sort orders by (see ContactQueries.Sorted).
    internal static readonly IReadOnlyDictionary<ContactSort, string> SortColumns = new Dictionary<ContactSort, string>
    {
        [ContactSort.CreatedAt] = "CreatedAt",
        [ContactSort.LastEditAt] = "LastEditAt",
        [ContactSort.Name] = "LastName, FirstName",
        [ContactSort.Email] = "EmailNormalized",
        [ContactSort.Phone] = "Phone",
        [ContactSort.EmailStatus] = "EmailStatus, CreatedAt",
        [ContactSort.Source] = "Source, CreatedAt",
        [ContactSort.Country] = "Country",
        [ContactSort.Language] = "Language",
    };

    public static async Task RunAsync(BenchContext context)
    {
        using var connection = context.OpenRawConnection();
        var raw = new RawGrid(connection, ContactQueries.DefaultCountCap);
        var queries = context.Create<ContactQueries>();

        await Measure(context, queries, raw, "first page + total, default (newest first)", ContactSort.CreatedAt, descending: true, page: 0);
        foreach (var (sort, _) in SortColumns)
            await Measure(context, queries, raw, $"first page + total, sort by {sort}", sort, descending: false, page: 0);
        foreach (var (sort, _) in SortColumns.Where(s => s.Key is ContactSort.Name or ContactSort.Email))
            await Measure(context, queries, raw, $"first page + total, sort by {sort} descending", sort, descending: true, page: 0);

        await DeepPageAsync(context, queries, raw);
    }

    /// <summary>
    /// Page 10,000 as the grid reaches it with Next (seeking from the previous page's last row), and as a typed
    /// URL without that row reaches it (OFFSET). Both against raw SQL of the same shape, and against page 1.
    /// </summary>
    private static async Task DeepPageAsync(BenchContext context, ContactQueries queries, RawGrid raw)
    {
        const int page = 9_999;
        var newestFirst = RawGrid.Order("CreatedAt", descending: true);
        var previous = await queries.ListAsync(new ContactListQuery { Page = page - 1 }, default);
        if (previous.Rows.Count == 0)
        {
            Console.WriteLine("  grid      page 10,000: the database has fewer than 250,000 contacts; skipped");
            return;
        }
        var boundary = previous.Rows[^1];
        var firstPage = context.Results.Single(r => r.Group == Group && r.Scenario.EndsWith("default (newest first)", StringComparison.Ordinal)).App.Median;

        await context.MeasureAsync(Group, "page 10,000, default sort, reached with Next (keyset)", "within 3x of page 1",
            _ => queries.ListAsync(new ContactListQuery { Page = page, StartAfterId = boundary.Id }, default),
            () => raw.PageAndCountAsync("c.CreatedAt <= $at AND (c.CreatedAt < $at OR c.Id < $id)", newestFirst, 0,
                ("$at", boundary.CreatedAt), ("$id", boundary.Id)));
        Console.WriteLine($"            {context.Results[^1].App.Median / firstPage:N2}x page 1");
        await context.MeasureAsync(Group, "page 10,000, default sort, typed URL (OFFSET)", "",
            _ => queries.ListAsync(new ContactListQuery { Page = page }, default),
            () => raw.PageAndCountAsync(null, newestFirst, page * 25));
    }

    private static Task Measure(BenchContext context, ContactQueries queries, RawGrid raw, string scenario, ContactSort sort, bool descending, int page,
        string target = "< 20 ms, within 2x of raw")
    {
        var query = new ContactListQuery { Sort = sort, Descending = descending, Page = page, PageSize = 25 };
        return context.MeasureAsync(Group, scenario, target,
            _ => queries.ListAsync(query, default),
            () => raw.PageAndCountAsync(null, RawGrid.Order(SortColumns[sort], descending), page * 25));
    }
}
