using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>
/// Reads a selection in id order, a batch at a time after the last id done (keyset), so a job stopped anywhere goes on
/// from its last finished batch and never reads the contacts before it again.
/// </summary>
public sealed class BulkSelectionReader(ContactQueries queries)
{
    /// <summary>How many contacts the selection holds now (an exact count of a filter, however many it matches).</summary>
    public async Task<long> CountAsync(AppDbContext db, BulkSelection selection, CancellationToken ct)
    {
        if (selection.Filter is { } filter) return await queries.CountAsync(filter, ct);
        var ids = selection.Ids ?? [];
        return await db.Contacts.CountAsync(c => ids.Contains(c.Id), ct);
    }

    /// <summary>The next <paramref name="size"/> ids of the selection after <paramref name="afterId"/>, in order; empty at the end.</summary>
    public static async Task<List<long>> NextBatchAsync(AppDbContext db, BulkSelection selection, long afterId, int size, CancellationToken ct)
    {
        var contacts = db.Contacts.AsNoTracking().Where(c => c.Id > afterId);
        if (selection.Filter is { } filter)
        {
            // Probe: the primary key is walked in order and each contact checked against the filter, so a batch stops
            // after its first matches instead of listing every match of the filter first.
            (contacts, _) = (await ContactFiltering.PrepareAsync(db, filter, ct)).Apply(contacts, SubqueryForm.Probe);
        }
        else
        {
            var ids = (selection.Ids ?? []).Where(id => id > afterId).Take(size).ToList();
            contacts = contacts.Where(c => ids.Contains(c.Id));
        }
        return await contacts.OrderBy(c => c.Id).Select(c => c.Id).Take(size).ToListAsync(ct);
    }
}
