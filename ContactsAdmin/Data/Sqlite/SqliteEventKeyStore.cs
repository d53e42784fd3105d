using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.Sqlite;

/// <summary>
/// SQLite finds and guards event keys with the unique index on Activities.EventKey: inserting the activity claims its key,
/// and deleting it frees the key. Nothing else to keep in step.
/// </summary>
internal sealed class SqliteEventKeyStore : ActivityEventKeyStore
{
    public override Task<Dictionary<string, long>> StoredAsync(AppDbContext db, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return Task.FromResult(new Dictionary<string, long>(StringComparer.Ordinal));
        // The keys as one parameter (EF.Parameter: a JSON array unpacked by json_each): one statement text for any number
        // of keys, and SQLite probes the unique index per key.
        var list = keys as List<string> ?? [.. keys];
        return db.Activities.AsNoTracking()
            .Where(a => EF.Parameter(list).Contains(a.EventKey!))
            .Select(a => new { a.EventKey, a.Id })
            .ToDictionaryAsync(a => a.EventKey!, a => a.Id, StringComparer.Ordinal, ct);
    }

    public override Task ClaimAsync(AppDbContext db, IReadOnlyCollection<(string Key, long ActivityId)> inserted, CancellationToken ct) => Task.CompletedTask;

    public override Task ReleaseContactAsync(AppDbContext db, long contactId, CancellationToken ct) => Task.CompletedTask;

    public override Task ForgetAllAsync(AppDbContext db, CancellationToken ct) => Task.CompletedTask;
}
