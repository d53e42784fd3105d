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

        await Measure(context, queries, raw, "page 10,000, default sort", ContactSort.CreatedAt, descending: true, page: 9_999,
            target: "within 3x of page 1");
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
