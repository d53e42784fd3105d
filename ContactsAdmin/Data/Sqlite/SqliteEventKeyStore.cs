namespace ContactsAdmin.Data.Sqlite;

/// <summary>
/// SQLite finds and guards event keys with the unique index on Activities.EventKey: inserting the activity claims its key,
/// and deleting it frees the key. Nothing else to keep in step.
/// </summary>
internal sealed class SqliteEventKeyStore : ActivityEventKeyStore
{
    public override Task<Dictionary<string, long>> StoredAsync(AppDbContext db, IReadOnlyCollection<string> keys, CancellationToken ct) =>
        StoredInActivitiesAsync(db, keys, ct);

    public override Task ClaimAsync(AppDbContext db, IReadOnlyCollection<(string Key, long ActivityId)> inserted, CancellationToken ct) => Task.CompletedTask;

    public override Task ReleaseContactAsync(AppDbContext db, long contactId, CancellationToken ct) => Task.CompletedTask;

    public override Task ForgetAllAsync(AppDbContext db, CancellationToken ct) => Task.CompletedTask;
}
