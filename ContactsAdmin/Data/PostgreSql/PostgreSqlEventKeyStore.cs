using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// PostgreSQL's event keys: the look-up table ActivityEventKeys (<see cref="ActivityEventKeys"/>), one row per key naming
/// its activity, written in the transaction that inserts the activity. A plain INSERT, so a key another writer (another
/// app instance) holds is refused with a unique violation, which the writers already treat as a lost race: roll back,
/// then find the winner's activity. Keys go in sorted, so two writers claiming overlapping keys wait rather than deadlock.
/// </summary>
internal sealed class PostgreSqlEventKeyStore : ActivityEventKeyStore
{
    public override Task<Dictionary<string, long>> StoredAsync(AppDbContext db, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return Task.FromResult(new Dictionary<string, long>(StringComparer.Ordinal));
        var list = keys as List<string> ?? [.. keys];
        return db.Set<ActivityEventKey>().AsNoTracking()
            .Where(k => EF.Parameter(list).Contains(k.EventKey))
            .ToDictionaryAsync(k => k.EventKey, k => k.ActivityId, StringComparer.Ordinal, ct);
    }

    public override async Task ClaimAsync(AppDbContext db, IReadOnlyCollection<(string Key, long ActivityId)> inserted, CancellationToken ct)
    {
        if (inserted.Count == 0) return;
        var sorted = inserted.OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
        await using var command = Command(db,
            $"INSERT INTO \"{ActivityEventKeys.Table}\" (\"EventKey\", \"ActivityId\") SELECT * FROM unnest($1::text[], $2::bigint[])");
        command.Parameters.Add(new NpgsqlParameter { Value = sorted.Select(k => k.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = sorted.Select(k => k.ActivityId).ToArray() });
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // As a save refused by a unique index reports it, so the writers' catches and StoreWriteRace see one kind of refusal.
            throw new DbUpdateException("An activity with this event key is stored already.", e);
        }
    }

    public override async Task ReleaseContactAsync(AppDbContext db, long contactId, CancellationToken ct)
    {
        // The contact's activities name their keys (one shard on Citus), then each key's row goes (one shard per key).
        await using var command = Command(db,
            $"DELETE FROM \"{ActivityEventKeys.Table}\" WHERE \"EventKey\" IN " +
            "(SELECT \"EventKey\" FROM \"Activities\" WHERE \"ContactId\" = $1 AND \"EventKey\" IS NOT NULL)");
        command.Parameters.Add(new NpgsqlParameter { Value = contactId });
        await command.ExecuteNonQueryAsync(ct);
    }

    public override async Task ForgetAllAsync(AppDbContext db, CancellationToken ct)
    {
        await using var command = Command(db, $"DELETE FROM \"{ActivityEventKeys.Table}\"");
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The rows where the keys and the activities disagree, both ways, shaped as <see cref="PostgreSqlIdentifierStore.DriftQuery"/>'s:
    /// (table, key, activity, "missing") for an activity's key no row names, "stale" for a row whose activity does not hold
    /// its key. Empty when they are in step; the tests' databases check it when they are dropped, so a write path that
    /// forgets the keys fails its own tests.
    /// </summary>
    public static readonly string DriftQuery =
        $"SELECT '{ActivityEventKeys.Table}', k, a, 'missing' FROM (SELECT \"EventKey\" AS k, \"Id\" AS a FROM \"Activities\" WHERE \"EventKey\" IS NOT NULL " +
        $"EXCEPT SELECT \"EventKey\", \"ActivityId\" FROM \"{ActivityEventKeys.Table}\") AS d\n" +
        $"UNION ALL SELECT '{ActivityEventKeys.Table}', k, a, 'stale' FROM (SELECT \"EventKey\" AS k, \"ActivityId\" AS a FROM \"{ActivityEventKeys.Table}\" " +
        "EXCEPT SELECT \"EventKey\", \"Id\" FROM \"Activities\" WHERE \"EventKey\" IS NOT NULL) AS d";

    private static NpgsqlCommand Command(AppDbContext db, string sql) => PostgreSqlWriteSession.Command(db, "Event keys", sql);
}
