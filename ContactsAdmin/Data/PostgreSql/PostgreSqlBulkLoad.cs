using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// PostgreSQL's large load, on the context's own pooled connection (it changes no settings). Into empty tables the
/// secondary indexes, the trigram ones above all, go for the load and are built again from the definitions the
/// migrations left (pg_indexes) at the end, all inside the seeding transaction (PostgreSQL's DDL is transactional,
/// so a failure rolls the schema back too). The search table fills itself: its insert trigger indexes each COPY's
/// contacts in one statement.
/// </summary>
internal sealed class PostgreSqlBulkLoad : StoreBulkLoad
{
    private readonly AppDbContext db;
    private readonly IReadOnlyList<Type> tables;
    private readonly bool bulk;
    private readonly List<(string Name, string Definition)> dropped = [];

    private PostgreSqlBulkLoad(AppDbContext db, IReadOnlyList<Type> tables, bool bulk)
    {
        this.db = db;
        this.tables = tables;
        this.bulk = bulk;
    }

    public static async Task<StoreBulkLoad> OpenAsync(AppDbContext db, IReadOnlyList<Type> tables, bool fresh, CancellationToken ct)
    {
        // Clearing millions of rows or building an index over them takes longer than a query may: the seed is a
        // one-off job its caller cancels, not a page waiting for an answer.
        db.Database.SetCommandTimeout(0);
        await db.Database.OpenConnectionAsync(ct);
        return new PostgreSqlBulkLoad(db, tables, fresh || !await db.Contacts.AnyAsync(ct));
    }

    /// <summary>Contacts and the identifier look-up tables, named from <see cref="IdentifierColumn"/>.</summary>
    private static readonly string LockForSeed =
        $"LOCK TABLE \"Contacts\", {string.Join(", ", IdentifierColumn.All.Select(i => $"\"{i.LookupTable}\""))} IN EXCLUSIVE MODE";

    /// <summary>
    /// Locks Contacts against other writers (other app instances) until the commit, readers still welcome: the seed
    /// gives contact ids itself, from the highest one, so no other insert may take one meanwhile.
    /// </summary>
    public override async Task BeginAsync(DbTransaction transaction, CancellationToken ct)
    {
        // The look-up tables too: the seed claims its contacts' identifiers there after writing them.
        await db.Database.ExecuteSqlRawAsync(LockForSeed, ct);
        if (!bulk) return;

        var names = tables.SelectMany(t => db.Model.FindEntityType(t)!.GetIndexes()).Select(i => i.GetDatabaseName()!)
            .Concat([PostgreSqlSearchSchema.TextIndex, PostgreSqlSearchSchema.PhoneIndex]).ToArray();
        await using (var command = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY(@names) ORDER BY indexname",
            (NpgsqlConnection)transaction.Connection!, (NpgsqlTransaction)transaction))
        {
            command.Parameters.AddWithValue("names", names);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) dropped.Add((reader.GetString(0), reader.GetString(1)));
        }
        // Names from the catalog, which the model's index names matched.
        foreach (var drop in dropped.Select(d => $"DROP INDEX \"{d.Name}\""))
            await db.Database.ExecuteSqlRawAsync(drop, ct);
    }

    public override async Task ResetIdCountersAsync(IReadOnlyList<string> tables, CancellationToken ct)
    {
        // is_called false: the next id is the one given, max + 1.
        foreach (var reset in tables.Select(t => $"SELECT setval(pg_get_serial_sequence('\"{t}\"', 'Id'), coalesce(max(\"Id\"), 0) + 1, false) FROM \"{t}\""))
            await db.Database.ExecuteSqlRawAsync(reset, ct);
    }

    // Past both the highest id and the highest the identity's sequence gave (its last value is null until it gave one).
    public override async Task<long> NextContactIdAsync(CancellationToken ct) =>
        await db.Database.SqlQueryRaw<long>(
            "SELECT greatest(coalesce(max(\"Id\"), 0), coalesce(pg_sequence_last_value(pg_get_serial_sequence('\"Contacts\"', 'Id')::regclass), 0)) + 1 AS \"Value\" FROM \"Contacts\"")
            .SingleAsync(ct);

    /// <summary>
    /// Builds the dropped indexes, moves the identity past the ids the seed gave (else the next contact the app adds
    /// would take one of them), and refreshes the planner's statistics, which an empty table left useless.
    /// </summary>
    public override async Task FinishAsync(IProgress<StageProgress>? progress, CancellationToken ct)
    {
        if (bulk)
        {
            // The trigram indexes are the search index, a step of its own as on SQLite.
            string[] search = [PostgreSqlSearchSchema.TextIndex, PostgreSqlSearchSchema.PhoneIndex];
            await CreateAsync("Indexes", dropped.Where(d => !search.Contains(d.Name)).ToList(), progress, ct);
            await CreateAsync("Search index", dropped.Where(d => search.Contains(d.Name)).ToList(), progress, ct);
        }
        await db.Database.ExecuteSqlRawAsync("SELECT setval(pg_get_serial_sequence('\"Contacts\"', 'Id'), max(\"Id\")) FROM \"Contacts\"", ct);
        var analyze = "ANALYZE " + string.Join(", ", tables.Select(t => db.Model.FindEntityType(t)!.GetTableName())
            .Append(PostgreSqlSearchSchema.Table).Select(t => $"\"{t}\""));
        await db.Database.ExecuteSqlRawAsync(analyze, ct);
    }

    /// <summary>
    /// VACUUM, which a transaction cannot hold, sets the loaded tables' visibility maps. Until it does, every index-only
    /// scan also reads each row's page: on a fresh 1M store Blacklisted + 'events' + VIP took 528 ms right after the
    /// load and 57 ms after a VACUUM (docs/benchmarks.md); autovacuum would get there only minutes later. The statistics
    /// are fresh already (<see cref="FinishAsync"/>), so no ANALYZE again.
    /// </summary>
    /// <remarks>
    /// VACUUM marks a page only when no snapshot it has to respect is older than the page's rows, and it does not wait for
    /// one. On the tests' server (autovacuum off, connections opening all the time) the seed's VACUUM twice came out with
    /// no page marked while nothing else ran in the seed's database; the likely holder is a connection still starting up
    /// elsewhere, which has no database yet. So when fewer than half of a loaded table's pages are marked, VACUUM again
    /// after a short pause, a few times at most (each pass skips the pages already marked).
    /// </remarks>
    public override async Task SettleAsync(IProgress<StageProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new StageProgress("Tidying up", 0, 1));
        for (var pass = 1; ; pass++)
        {
            await db.Database.ExecuteSqlRawAsync(VacuumLoaded(), ct);
            if (pass == SettlePasses || await MostlyMarkedAsync(ct)) break;
            await Task.Delay(SettlePause, ct);
        }
        progress?.Report(new StageProgress("Tidying up", 1, 1));
    }

    private const int SettlePasses = 5;
    private static readonly TimeSpan SettlePause = TimeSpan.FromMilliseconds(200);

    private string VacuumLoaded() => "VACUUM " + string.Join(", ", LoadedTables().Select(t => $"\"{t}\""));

    // The tables the load filled, the search table their trigger filled, and the look-up tables the seed claimed its identifiers in.
    private string[] LoadedTables() =>
        [.. tables.Select(t => db.Model.FindEntityType(t)!.GetTableName()!).Append(PostgreSqlSearchSchema.Table)
            .Concat(IdentifierColumn.All.Select(i => i.LookupTable)).Distinct()];

    /// <summary>Whether every loaded table has at least half its pages marked all-visible (as VACUUM left pg_class).</summary>
    private Task<bool> MostlyMarkedAsync(CancellationToken ct) =>
        db.Database.SqlQueryRaw<bool>(
            """
            SELECT coalesce(bool_and(relallvisible * 2 >= relpages), true) AS "Value" FROM pg_class
            WHERE relname = ANY({0}) AND relnamespace = current_schema()::regnamespace
            """, [LoadedTables()]).SingleAsync(ct);

    private async Task CreateAsync(string stage, List<(string Name, string Definition)> indexes, IProgress<StageProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new StageProgress(stage, 0, indexes.Count));
        for (var i = 0; i < indexes.Count; i++)
        {
            await db.Database.ExecuteSqlRawAsync(indexes[i].Definition, ct);
            progress?.Report(new StageProgress(stage, i + 1, indexes.Count));
        }
    }

    public override async ValueTask DisposeAsync() => await db.Database.CloseConnectionAsync();
}
