using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// The few of a count's collected ids that a page shows (an early page by number, or the next or previous one from a
/// boundary row), found by walking the sort's index (ids only) and checking each against the collected set, so that
/// the page reads those contacts rather than all of them.
/// </summary>
/// <remarks>
/// Reading every collected contact to sort them costs a row per id: 34 ms for the 9,405 matches of "669" at a million
/// contacts on PostgreSQL, where the first 26 in the grid's order come up within some 3,000 entries of the creation
/// date's index. The walk is bounded: <see cref="Factor"/> times the entries the ids would need if they were spread
/// evenly over the store, and at most the caller's limit. Matches bunched away from the sort's start (Blacklisted
/// contacts are older than most) leave the walk short; the page then reads all the ids, as without it, having spent
/// at most that limit's index entries. Only the sorts whose index ends in the id (<see cref="ContactPaging.Seeks"/>)
/// are walked: for them the walk reads index entries alone.
/// </remarks>
internal sealed class CountedIdsWalk(int maxEntries, StoreSize storeSize)
{
    /// <summary>How many times the evenly spread estimate the walk may read before giving up.</summary>
    private const int Factor = 4;

    /// <summary>
    /// The ids that hold the query's page and the row after it (which says a next page exists), or null when the walk
    /// does not apply or came up short: the caller then reads every id in <paramref name="counted"/>. A page from a
    /// boundary row (Next, Previous) walks from that row in the direction the page is read (<see cref="ContactPaging"/>).
    /// </summary>
    public async Task<List<long>?> PageIdsAsync(
        AppDbContext db, IReadOnlyCollection<long> counted, ContactListQuery query, ContactPaging.Boundary? boundary, int pageSize, CancellationToken ct)
    {
        if (counted.Count == 0 || !ContactPaging.Seeks(query)) return null;
        var wanted = boundary is null ? (long)Math.Max(0, query.Page) * pageSize + pageSize + 1 : pageSize + 1;
        if (wanted >= counted.Count) return null;   // the page needs (nearly) all of them anyway

        var store = await storeSize.GetAsync(ct);   // more after deletions: a longer walk
        var entries = Math.Ceiling((double)Factor * wanted * store / counted.Count);
        if (entries > maxEntries) return null;

        var (contacts, descending) = (db.Contacts.AsNoTracking(), query.Descending);
        if (boundary is { } seek)
        {
            var (boundaryId, date, forward) = seek;
            descending = query.Descending == forward;
            contacts = ContactPaging.Beyond(contacts, query.Sort, date, boundaryId, descending);
        }
        var collected = counted as IReadOnlySet<long> ?? counted.ToHashSet();
        var found = new List<long>((int)wanted);
        var walked = 0L;
        var walk = ContactQueries.Sorted(contacts, query.Sort, descending).Select(c => c.Id).Take((int)entries);
        await foreach (var id in walk.AsAsyncEnumerable().WithCancellation(ct))
        {
            walked++;
            if (!collected.Contains(id)) continue;
            found.Add(id);
            if (found.Count == wanted) return found;
        }
        // Read to the end of the store (or to its start, for Previous): every collected id there was met.
        return walked < entries ? found : null;
    }
}
