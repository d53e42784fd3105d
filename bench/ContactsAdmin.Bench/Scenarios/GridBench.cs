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
        using var connection = context.OpenRaw();
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
        var newestFirst = raw.Raw.Order("CreatedAt", descending: true);
        var previous = await queries.ListAsync(new ContactListQuery { Page = page - 1 }, default);
        if (previous.Rows.Count == 0)
        {
            Console.WriteLine("  grid      page 10,000: the database has fewer than 250,000 contacts; skipped");
            return;
        }
        var boundary = previous.Rows[^1];
        var firstPage = context.Results.Single(r => r.Group == Group && r.Scenario.EndsWith("default (newest first)", StringComparison.Ordinal)).App.Median;

        var keyset = new ContactListQuery { Page = page, StartAfterId = boundary.Id };
        const string AfterBoundary = "c.CreatedAt <= @at AND (c.CreatedAt < @at OR c.Id < @id)";
        (string, object)[] at = [("@at", raw.Raw.Dialect.Time(boundary.CreatedAt)), ("@id", boundary.Id)];
        // The raw count is of the rows after the boundary, not the grid's total: only the page is compared.
        context.ExpectSameRows(Group, "page 10,000 (keyset)", SameRows.Difference(
            (await queries.ListAsync(keyset, default)).Rows.Select(r => r.Id).ToList(), (await raw.PageAndCountAsync(AfterBoundary, newestFirst, 0, at)).Ids));
        await context.MeasureAsync(Group, "page 10,000, default sort, reached with Next (keyset)", "within 3x of page 1",
            _ => queries.ListAsync(keyset, default),
            () => raw.PageAndCountAsync(AfterBoundary, newestFirst, 0, at));
        Console.WriteLine($"            {context.Results[^1].App.Median / firstPage:N2}x page 1");
        await MeasurePageAsync(context, raw, "page 10,000, default sort, typed URL (OFFSET)", "",
            () => queries.ListAsync(new ContactListQuery { Page = page }, default),
            () => raw.PageAndCountAsync(null, newestFirst, page * 25));
    }

    private static Task Measure(BenchContext context, ContactQueries queries, RawGrid raw, string scenario, ContactSort sort, bool descending, int page,
        string target = "< 20 ms, within 2x of raw")
    {
        var query = new ContactListQuery { Sort = sort, Descending = descending, Page = page, PageSize = 25 };
        var order = raw.Raw.Order(SortColumns[sort], descending);
        // Name A to Z lists the named contacts first and the nameless after them (ContactPaging): a first page is 25 named ones.
        var pageWhere = sort == ContactSort.Name && !descending && page == 0 ? "(c.LastName IS NOT NULL OR c.FirstName IS NOT NULL)" : null;
        return MeasurePageAsync(context, raw, scenario, target, () => queries.ListAsync(query, default),
            () => raw.PageAndCountAsync("", null, pageWhere, order, page * 25));
    }

    /// <summary>
    /// Checks that the app's page and the raw one list the same contacts with the same total (<see cref="SameRows"/>),
    /// then times both. Every group that shows a grid page measures it this way.
    /// </summary>
    internal static async Task MeasurePageAsync(BenchContext context, RawGrid raw, string scenario, string target,
        Func<Task<ContactPage>> app, Func<Task<RawPage>> baseline, string? note = null, string group = Group)
    {
        context.ExpectSameRows(group, scenario, SameRows.Difference(await app(), await baseline(), raw.CountCap));
        await context.MeasureAsync(group, scenario, target, _ => app(), baseline, note);
    }
}
