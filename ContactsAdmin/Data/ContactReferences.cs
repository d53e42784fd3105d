using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data;

/// <summary>
/// What names a contact without belonging to it, let go when the contact goes: its address's email events stay with the
/// address, no longer linked; the duplicate pairs it is in and the records of merges it survived (whose undo needs it)
/// go. Said here rather than left to foreign keys' ON DELETE SET NULL and CASCADE, which PostgreSQL's schema has not:
/// Citus keeps none between tables distributed by different columns (PostgreSql.AddressLogKeys) nor from a coordinator's
/// local table (PostgreSql.CoordinatorTables).
/// </summary>
public static class ContactReferences
{
    /// <summary>Lets them go in the caller's transaction, before the contact is deleted.</summary>
    public static async Task DropAsync(AppDbContext db, long contactId, CancellationToken ct)
    {
        await db.EmailEvents.Where(e => e.ContactId == contactId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ContactId, (long?)null), ct);
        await db.DuplicatePairs.Where(p => p.FirstId == contactId || p.SecondId == contactId).ExecuteDeleteAsync(ct);
        await db.ContactMergeRecords.Where(r => r.SurvivorId == contactId).ExecuteDeleteAsync(ct);
    }
}
