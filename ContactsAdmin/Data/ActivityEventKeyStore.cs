using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data;

/// <summary>
/// Where an event's keyValue (<see cref="Activity.EventKey"/>) is found and kept unique, so that recording an event twice
/// stores one activity. SQLite: the unique index on Activities.EventKey (<see cref="Sqlite.SqliteEventKeyStore"/>);
/// PostgreSQL: the look-up table ActivityEventKeys, keyed by the key so Citus can distribute it by the key's hash while
/// Activities is distributed by contact (<see cref="PostgreSql.PostgreSqlEventKeyStore"/>, docs/scale-out.md item 2).
/// Every writer of activities with keys goes through here: the API's event writer by itself, a tracked save (the recorder of
/// one event) through PostgreSqlAppDbContext.SaveChangesAsync.
/// </summary>
public abstract class ActivityEventKeyStore
{
    /// <summary>The activities already stored under any of <paramref name="keys"/>, by key.</summary>
    public abstract Task<Dictionary<string, long>> StoredAsync(AppDbContext db, IReadOnlyCollection<string> keys, CancellationToken ct);

    /// <summary>
    /// Claims the keys of activities just inserted in the context's transaction, for the inserts the change tracker does not
    /// see (a tracked save claims its own on PostgreSQL). A key another activity holds is refused with a
    /// <see cref="DbUpdateException"/> around the store's unique violation (<see cref="StoreUniqueViolation"/>), the
    /// transaction then to roll back, as the unique index refuses it on SQLite (where this does nothing: the insert itself
    /// was the claim).
    /// </summary>
    public abstract Task ClaimAsync(AppDbContext db, IReadOnlyCollection<(string Key, long ActivityId)> inserted, CancellationToken ct);

    /// <summary>Frees the keys of a contact's activities, in the caller's transaction, before the contact and its activities are deleted.</summary>
    public abstract Task ReleaseContactAsync(AppDbContext db, long contactId, CancellationToken ct);

    /// <summary>Every key freed, after every activity was deleted (the demo's fresh seed).</summary>
    public abstract Task ForgetAllAsync(AppDbContext db, CancellationToken ct);
}
