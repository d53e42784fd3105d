using System.Linq.Expressions;
using ContactsAdmin.Data;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>A row of the All contacts grid, with the values of any extra columns the user chose.</summary>
public sealed record ContactRow(
    long Id,
    string? FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    EmailStatus EmailStatus,
    ContactSource Source,
    DateTime CreatedAt,
    DateTime LastEditAt,
    string? Country,
    string? Language)
{
    public string DisplayName => ContactNames.Display(FirstName, LastName, Email, Id);

    /// <summary>Values of the chosen custom field columns, by field id (absent when the contact has none).</summary>
    public IReadOnlyDictionary<int, TypedFieldValue> FieldValues { get; init; } = new Dictionary<int, TypedFieldValue>();

    /// <summary>Ids of the chosen category columns the contact is subscribed to.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(ReadOnlySetJsonConverter<int>))]
    public IReadOnlySet<int> SubscribedCategories { get; init; } = new HashSet<int>();
}

public enum ContactSort { Name, Email, Phone, EmailStatus, Source, CreatedAt, LastEditAt, Country, Language }

public sealed record ContactListQuery
{
    public ContactFilter Filter { get; init; } = ContactFilter.None;
    public int Page { get; init; }
    public int PageSize { get; init; } = ContactQueries.PageSizes[0];
    public ContactSort Sort { get; init; } = ContactSort.CreatedAt;
    /// <summary>When set, the rows are in this added column's order (see <see cref="ExtraColumnSorting"/>) instead of <see cref="Sort"/>'s.</summary>
    public ExtraColumnSort? SortColumn { get; init; }
    public bool Descending { get; init; } = true;
    /// <summary>
    /// Keyset paging: the page starts right after this row (Next) or ends right before it (Previous), in the
    /// query's order. Seeking from a known row costs the same on page 10,000 as on page 2, where an OFFSET
    /// would step over every earlier row. Sorts that cannot seek (see <see cref="ContactPaging"/>) use
    /// <see cref="Page"/>; so does a boundary row that no longer exists.
    /// </summary>
    public long? StartAfterId { get; init; }
    public long? EndBeforeId { get; init; }
    /// <summary>Custom fields and categories shown as extra columns.</summary>
    public IReadOnlyCollection<int> FieldColumns { get; init; } = [];
    public IReadOnlyCollection<int> CategoryColumns { get; init; } = [];
}

/// <summary>What a page's total is: the number, a lower bound where the count stopped at the cap, or an estimate from a sample.</summary>
public enum TotalKind { Exact, AtLeast, About }

/// <param name="TotalCount">How many contacts match, as <paramref name="TotalKind"/> says: exactly, at least this many, or about this many.</param>
/// <param name="FilterProblem">Why part of the filter was not applied (e.g. a field filter value of the wrong type).</param>
/// <param name="HasNextPage">Whether more rows follow this page (known without the total).</param>
/// <param name="TotalMargin">With an estimate: how far off it likely is, as a share of it (see <see cref="CountEstimate"/>).</param>
public sealed record ContactPage(
    IReadOnlyList<ContactRow> Rows, int TotalCount, string? FilterProblem = null, TotalKind TotalKind = TotalKind.Exact, bool HasNextPage = false,
    double? TotalMargin = null)
{
    public bool TotalIsExact => TotalKind == TotalKind.Exact;
}

/// <summary>
/// The grid's reads: search, filters, sorting, paging and counting all run in SQL. Totals are counted up to
/// <see cref="CountCap"/> (a million-row count costs far more than the page it labels). A filter that combines
/// indexes, whose count is dear even below the cap, is estimated from a sample of the store when the sample
/// holds enough matches (<see cref="Sampling"/>). <see cref="CountAsync"/> gives the exact number on request.
/// </summary>
public sealed class ContactQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public static readonly int[] PageSizes = [25, 50, 100];
    public const int DefaultCountCap = 10_000;

    /// <summary>Totals above this are reported as "more than" it. Tests lower it to exercise the capped path.</summary>
    public int CountCap { get; init; } = DefaultCountCap;

    /// <summary>How many rows a page may skip before it reads its ids first (<see cref="ContactPaging"/>); a setting for tests.</summary>
    public int DeepPageRows { get; init; } = ContactPaging.DefaultDeepPageRows;

    /// <summary>
    /// The most index entries an early page walks to find its share of a count's collected ids (<see cref="CountedIdsWalk"/>):
    /// at a million contacts, collected sets of some 5,000 ids or more. A setting for tests.
    /// </summary>
    public int CountedIdsWalkEntries { get; init; } = 20_000;

    /// <summary>How combined filters' totals are estimated. Tests shrink the sample to fit small stores.</summary>
    public CountSampling Sampling { get; init; } = new();

    /// <summary>Where a search on its own changes plans (<see cref="SearchPlan"/>). Tests move the lines to reach every plan.</summary>
    public SearchPlanning SearchPlanning { get; init; } = new();

    public async Task<ContactPage> ListAsync(ContactListQuery query, CancellationToken ct)
    {
        var pageSize = PageSizes.Contains(query.PageSize) ? query.PageSize : PageSizes[0];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One connection for the count, the page and the extra columns, rather than an open per query.
        await db.Database.OpenConnectionAsync(ct);

        var filter = await ContactFiltering.PrepareAsync(db, query.Filter, ct);
        var storeSize = new StoreSize(db);
        var (total, kind, margin, form, counted) = await TotalAsync(db, filter, storeSize, ct);

        var (contacts, problem) = filter.Apply(db.Contacts.AsNoTracking(), form);
        var boundary = await ContactPaging.BoundaryAsync(db, query, ct);
        if (counted is not null)
        {
            var walk = new CountedIdsWalk(CountedIdsWalkEntries, storeSize);
            var ids = await walk.PageIdsAsync(db, counted, query, boundary, pageSize, ct) ?? counted;
            contacts = StoreEngine.Of(db).ContactsWithIds(db, ids);
        }
        var (rows, hasNext) = await ContactPaging.PageAsync(db, contacts, query, boundary, pageSize, DeepPageRows, ct);

        rows = await WithExtraColumnsAsync(db, rows, query.FieldColumns, query.CategoryColumns, ct);
        return new ContactPage(rows, total, problem, kind, hasNext, margin);
    }

    /// <summary>
    /// The total, and how the page should read the filter's lists: up to the cap, collect the matches and sort them;
    /// beyond it, or estimated (so matches are not rare, see CountSampling.MinMatches), follow the sort's index,
    /// check each contact and stop after a page. A search on its own chooses by its own count (<see cref="SearchPlan"/>).
    /// Where the engine pages counted ids (<see cref="StoreEngine.PagesCountedIds"/>), the exact count of a combined
    /// filter or of a search on its own collects the matches' ids (at most the cap's) and the page reads those
    /// (<c>Counted</c>); else it is null.
    /// </summary>
    private async Task<(int Total, TotalKind Kind, double? Margin, SubqueryForm PageForm, List<long>? Counted)> TotalAsync(
        AppDbContext db, PreparedContactFilter filter, StoreSize storeSize, CancellationToken ct)
    {
        if (filter.Filter.CombinesIndexes && await Sampling.EstimateAsync(filter, storeSize, ct) is { } estimate)
            return (estimate.Total, TotalKind.About, estimate.Margin, SubqueryForm.Probe, null);
        if (SearchPlan.IndexMatchOfSearchAlone(filter.Filter) is { } match)
        {
            var (total, kind, form, matches) = await SearchPlan.ChooseAsync(db, match, storeSize, CountCap, SearchPlanning, ct);
            return (total, kind, null, form, matches);
        }

        List<long>? ids = null;
        int counted;
        if (filter.Filter.IsEmpty) counted = await UnfilteredGridQueries.CountAsync(db, CountCap + 1, ct);
        else
        {
            var matches = filter.Apply(db.Contacts.AsNoTracking(), SubqueryForm.Join).Contacts.Take(CountCap + 1);
            // Only a combination counted exactly: its sample found its matches rare (or bunched), so their ids are few
            // to carry; a single list over the cap would carry 10,001 ids to say "more than" (Unsubscribed: 3 -> 15 ms).
            if (filter.Filter.CombinesIndexes && StoreEngine.Of(db).PagesCountedIds) counted = (ids = await matches.Select(c => c.Id).ToListAsync(ct)).Count;
            else counted = await matches.CountAsync(ct);
        }
        return counted > CountCap
            ? (CountCap, TotalKind.AtLeast, null, SubqueryForm.Probe, null)
            : (counted, TotalKind.Exact, null, SubqueryForm.Membership, ids);
    }

    /// <summary>The exact number of contacts a filter matches, however many: for "count all" on a capped total.</summary>
    public async Task<int> CountAsync(ContactFilter filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A search alone is counted in its index without reading a contact row ("gmail": a third of the store).
        if (SearchPlan.IndexMatchOfSearchAlone(filter) is { } match) return await ContactFiltering.CountMatchesAsync(db, match, limit: null, ct);
        var (contacts, _) = (await ContactFiltering.PrepareAsync(db, filter, ct)).Apply(db.Contacts.AsNoTracking(), SubqueryForm.Join);
        return await contacts.CountAsync(ct);
    }

    /// <summary>Fills the chosen custom field and category columns for one page of rows (two small queries).</summary>
    private static async Task<List<ContactRow>> WithExtraColumnsAsync(
        AppDbContext db, List<ContactRow> rows, IReadOnlyCollection<int> fieldIds, IReadOnlyCollection<int> categoryIds, CancellationToken ct)
    {
        if (rows.Count == 0 || (fieldIds.Count == 0 && categoryIds.Count == 0)) return rows;
        var ids = rows.Select(r => r.Id).ToList();

        var values = fieldIds.Count == 0 ? [] : await db.CustomFieldValues.AsNoTracking()
            .Where(v => ids.Contains(v.ContactId) && fieldIds.Contains(v.FieldId))
            .ToListAsync(ct);
        var subscriptions = categoryIds.Count == 0 ? [] : await db.ContactSubscriptions.AsNoTracking()
            .Where(s => ids.Contains(s.ContactId) && categoryIds.Contains(s.CategoryId) && s.IsSubscribed)
            .Select(s => new { s.ContactId, s.CategoryId })
            .ToListAsync(ct);

        var valuesByContact = values.ToLookup(v => v.ContactId);
        var categoriesByContact = subscriptions.ToLookup(s => s.ContactId, s => s.CategoryId);
        return rows.Select(r => r with
        {
            FieldValues = valuesByContact[r.Id].ToDictionary(v => v.FieldId, v => TypedFieldValue.From(v)!),
            SubscribedCategories = categoriesByContact[r.Id].ToHashSet(),
        }).ToList();
    }

    /// <summary>
    /// A contact without a name (shown as "Anonymous contact #…" or its address). Name A to Z lists them after the
    /// named ones, as Z to A does (NULL sorts lowest): the grid's pages (<see cref="ContactPaging"/>) and the export's
    /// stream (<see cref="ContactViewOrder"/>) both take the rule from here.
    /// </summary>
    internal static readonly Expression<Func<Contact, bool>> IsNameless = c => c.LastName == null && c.FirstName == null;

    /// <summary>The contacts that have a name: the negation of <see cref="IsNameless"/>.</summary>
    internal static readonly Expression<Func<Contact, bool>> HasName =
        Expression.Lambda<Func<Contact, bool>>(Expression.Not(IsNameless.Body), IsNameless.Parameters);

    // Every sort ends with Id so pages never overlap or skip rows with equal keys. Email status and source
    // break ties by creation date first, so their (EmailStatus|Source, CreatedAt) indexes give the order.
    // Name ascending is this order for named contacts only: ContactPaging reads those without a name after them.
    internal static IQueryable<Contact> Sorted(IQueryable<Contact> contacts, ContactSort sort, bool descending) => (sort, descending) switch
    {
        (ContactSort.Name, false) => contacts.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id),
        (ContactSort.Name, true) => contacts.OrderByDescending(c => c.LastName).ThenByDescending(c => c.FirstName).ThenByDescending(c => c.Id),
        (ContactSort.Email, false) => contacts.OrderBy(c => c.EmailNormalized).ThenBy(c => c.Id),
        (ContactSort.Email, true) => contacts.OrderByDescending(c => c.EmailNormalized).ThenByDescending(c => c.Id),
        (ContactSort.Phone, false) => contacts.OrderBy(c => c.Phone).ThenBy(c => c.Id),
        (ContactSort.Phone, true) => contacts.OrderByDescending(c => c.Phone).ThenByDescending(c => c.Id),
        (ContactSort.EmailStatus, false) => contacts.OrderBy(c => c.EmailStatus).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id),
        (ContactSort.EmailStatus, true) => contacts.OrderByDescending(c => c.EmailStatus).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        (ContactSort.Source, false) => contacts.OrderBy(c => c.Source).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id),
        (ContactSort.Source, true) => contacts.OrderByDescending(c => c.Source).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        (ContactSort.LastEditAt, false) => contacts.OrderBy(c => c.LastEditAt).ThenBy(c => c.Id),
        (ContactSort.LastEditAt, true) => contacts.OrderByDescending(c => c.LastEditAt).ThenByDescending(c => c.Id),
        (ContactSort.Country, false) => contacts.OrderBy(c => c.Country).ThenBy(c => c.Id),
        (ContactSort.Country, true) => contacts.OrderByDescending(c => c.Country).ThenByDescending(c => c.Id),
        (ContactSort.Language, false) => contacts.OrderBy(c => c.Language).ThenBy(c => c.Id),
        (ContactSort.Language, true) => contacts.OrderByDescending(c => c.Language).ThenByDescending(c => c.Id),
        (_, false) => contacts.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        (_, true) => contacts.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
    };
}
