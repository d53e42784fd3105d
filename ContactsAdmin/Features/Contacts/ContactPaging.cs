using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// Reads one page of the grid in its sort order. Sorting by creation or last-edit date can seek: the page
/// starts at a known boundary row's (date, Id) and reads forward on the date's index, so page 10,000 costs
/// what page 2 costs. Name A to Z reads in two parts (<see cref="NamedFirstAsync"/>); added columns sort their matches
/// (<see cref="ExtraColumnSorting"/>). Other sorts (and the first page, and a page reached without a boundary row, e.g. a
/// typed URL) skip with OFFSET, which steps over every earlier row of the index. A deep page
/// (<see cref="DefaultDeepPageRows"/> rows or more to skip) steps over ids only, then reads its own rows.
/// </summary>
internal static class ContactPaging
{
    /// <summary>
    /// Where skipping by ids first starts to pay. PostgreSQL reads each skipped contact's row to step over it unless the
    /// query wants only what the index holds: page 10,000 of a million contacts read 250,000 rows (3 to 11 s); its ids
    /// alone are an index-only scan (0.4 s). SQLite steps over index entries either way, and the few pages a user
    /// reaches by Next before this point keep the single query.
    /// </summary>
    public const int DefaultDeepPageRows = 1_000;

    /// <summary>The sorts on a NOT NULL date with an index of its own (Id is the index's tail), which a range seek can follow.</summary>
    private static bool CanSeek(ContactSort sort) => sort is ContactSort.CreatedAt or ContactSort.LastEditAt;

    /// <summary>Whether the query's page follows a date's index (not an added column's order), so it can start at a boundary row.</summary>
    public static bool Seeks(ContactListQuery query) => query.SortColumn is null && CanSeek(query.Sort);

    /// <summary>The page's rows (extra columns not filled yet) and whether more rows follow it.</summary>
    public static async Task<(List<ContactRow> Rows, bool HasNext)> PageAsync(
        AppDbContext db, IQueryable<Contact> contacts, ContactListQuery query, Boundary? boundary, int pageSize, int deepPageRows, CancellationToken ct)
    {
        var skip = Math.Max(0, query.Page) * pageSize;
        if (query.SortColumn is { } column && await ExtraColumnSorting.SortedAsync(db, contacts, column, query.Descending, ct) is { } byColumn)
            return Trim(await Rows(byColumn.Skip(skip).Take(pageSize + 1), ct), pageSize);
        if (query.Sort == ContactSort.Name && !query.Descending) return await NamedFirstAsync(contacts, skip, pageSize, ct);
        if (boundary is { } seek) return await SeekAsync(contacts, query, seek, pageSize, ct);
        // Without a filter the contacts are the whole table, whose pages are compiled queries.
        if (query.Filter.IsEmpty && skip < deepPageRows)
            return Trim(await UnfilteredGridQueries.PageAsync(db, query.Sort, query.Descending, skip, pageSize + 1, ct), pageSize);

        // One row more than the page says whether there is a next page, without the total.
        var sorted = ContactQueries.Sorted(contacts, query.Sort, query.Descending);
        var page = skip < deepPageRows
            ? sorted.Skip(skip).Take(pageSize + 1)
            : ContactQueries.Sorted(IdsFirst(db, sorted, skip, pageSize + 1), query.Sort, query.Descending);
        return Trim(await Rows(page, ct), pageSize);
    }

    /// <summary>The contacts whose ids are rows <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> of <paramref name="sorted"/>.</summary>
    private static IQueryable<Contact> IdsFirst(AppDbContext db, IQueryable<Contact> sorted, int skip, int take)
    {
        var ids = sorted.Select(c => c.Id).Skip(skip).Take(take);
        return db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id));
    }

    /// <summary>
    /// Name A to Z with the contacts that have no name ("Anonymous contact #…", or their address) after the named
    /// ones, as in Z to A, where the index already puts them last (NULL sorts lowest). Read in two parts so each
    /// follows an index: the named contacts in the name index's order, then the nameless ones by Id. The second
    /// part's offset is the page's offset less the named contacts, counted only for a page beyond them all.
    /// </summary>
    private static async Task<(List<ContactRow>, bool)> NamedFirstAsync(IQueryable<Contact> contacts, int skip, int pageSize, CancellationToken ct)
    {
        var named = contacts.Where(ContactQueries.HasName);
        var rows = await Rows(ContactQueries.Sorted(named, ContactSort.Name, descending: false).Skip(skip).Take(pageSize + 1), ct);
        if (rows.Count > pageSize) return Trim(rows, pageSize);

        var nameless = contacts.Where(ContactQueries.IsNameless);
        var namelessSkip = rows.Count > 0 ? 0 : Math.Max(0, skip - await named.CountAsync(ct));
        rows.AddRange(await Rows(nameless.OrderBy(c => c.Id).Skip(namelessSkip).Take(pageSize + 1 - rows.Count), ct));
        return Trim(rows, pageSize);
    }

    private static async Task<(List<ContactRow>, bool)> SeekAsync(
        IQueryable<Contact> contacts, ContactListQuery query, Boundary boundary, int pageSize, CancellationToken ct)
    {
        var (boundaryId, date, forward) = boundary;

        // Reading backwards (Previous) walks the opposite order from the boundary, then turns the page round.
        var descending = query.Descending == forward;
        var beyond = Beyond(contacts, query.Sort, date, boundaryId, descending);
        var rows = await Rows(ContactQueries.Sorted(beyond, query.Sort, descending).Take(pageSize + 1), ct);
        if (forward) return Trim(rows, pageSize);

        // Previous: the rows before the boundary, nearest last; a next page exists (the boundary row itself).
        var page = rows.Take(pageSize).Reverse().ToList();
        return (page, true);
    }

    /// <summary>A row a page starts after (<c>Forward</c>, Next) or ends before (Previous), with its date in the sort's column.</summary>
    internal readonly record struct Boundary(long Id, DateTime Date, bool Forward);

    /// <summary>
    /// The row a Next (after it) or Previous (before it) page starts from, read once for the page's steps; null for a
    /// page without one, for a sort that cannot seek (or an added column's), or when that row has been deleted meanwhile
    /// (the page number still says where to go).
    /// </summary>
    internal static async Task<Boundary?> BoundaryAsync(AppDbContext db, ContactListQuery query, CancellationToken ct)
    {
        if (!Seeks(query)) return null;
        var (boundaryId, forward) = (query.StartAfterId, query.EndBeforeId) switch
        {
            ({ } after, _) => (after, true),
            (null, { } before) => (before, false),
            _ => (0L, true),
        };
        if (boundaryId == 0) return null;
        var boundary = await db.Contacts.AsNoTracking().Where(c => c.Id == boundaryId)
            .Select(c => new { c.CreatedAt, c.LastEditAt }).SingleOrDefaultAsync(ct);
        if (boundary is null) return null;
        return new Boundary(boundaryId, query.Sort == ContactSort.CreatedAt ? boundary.CreatedAt : boundary.LastEditAt, forward);
    }

    /// <summary>
    /// The rows after (date, id) in the given order. The redundant "date &lt;= boundary" (or "&gt;=") is what lets
    /// SQLite start the index scan at the boundary; the rest only sorts out rows with the same date.
    /// </summary>
    internal static IQueryable<Contact> Beyond(IQueryable<Contact> contacts, ContactSort sort, DateTime date, long id, bool descending) =>
        (sort, descending) switch
        {
            (ContactSort.CreatedAt, true) => contacts.Where(c => c.CreatedAt <= date && (c.CreatedAt < date || c.Id < id)),
            (ContactSort.CreatedAt, false) => contacts.Where(c => c.CreatedAt >= date && (c.CreatedAt > date || c.Id > id)),
            (_, true) => contacts.Where(c => c.LastEditAt <= date && (c.LastEditAt < date || c.Id < id)),
            (_, false) => contacts.Where(c => c.LastEditAt >= date && (c.LastEditAt > date || c.Id > id)),
        };

    private static Task<List<ContactRow>> Rows(IQueryable<Contact> contacts, CancellationToken ct) => ToRows(contacts).ToListAsync(ct);

    /// <summary>The grid's columns of each contact.</summary>
    internal static IQueryable<ContactRow> ToRows(IQueryable<Contact> contacts) =>
        contacts.Select(c => new ContactRow(c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.EmailStatus,
            c.Source, c.CreatedAt, c.LastEditAt, c.Country, c.Language));

    private static (List<ContactRow>, bool) Trim(List<ContactRow> rows, int pageSize) =>
        rows.Count > pageSize ? (rows[..pageSize], true) : (rows, false);
}
