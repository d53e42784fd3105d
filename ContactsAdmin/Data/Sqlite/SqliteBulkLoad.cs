using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.Sqlite;

/// <summary>
/// SQLite's large load: on a connection of its own, not from the pool, because the load's settings (<see cref="SqliteBulkLoadSchema"/>)
/// changes settings that must not outlive it; into empty tables (or ones about to be emptied) the secondary indexes
/// and search triggers go and come back at the end, while on top of existing contacts they stay and take the new rows
/// one by one.
/// </summary>
internal sealed class SqliteBulkLoad : StoreBulkLoad
{
    private readonly AppDbContext db;
    private readonly SqliteConnection connection;
    private readonly SqliteBulkLoadSchema? bulk;
    private SqliteTransaction? transaction;

    private SqliteBulkLoad(AppDbContext db, SqliteConnection connection, SqliteBulkLoadSchema? bulk)
    {
        this.db = db;
        this.connection = connection;
        this.bulk = bulk;
    }

    public static async Task<StoreBulkLoad> OpenAsync(AppDbContext db, IReadOnlyList<Type> tables, bool fresh, CancellationToken ct)
    {
        var pooledConnectionString = db.Database.GetConnectionString()!;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(pooledConnectionString) { Pooling = false }.ToString());
        try
        {
            db.Database.SetDbConnection(connection);
            await db.Database.OpenConnectionAsync(ct);   // through EF, so the app's connection settings apply
            var bulk = fresh || !await db.Contacts.AnyAsync(ct) ? SqliteBulkLoadSchema.Begin(connection, pooledConnectionString, db.Model, tables) : null;
            return new SqliteBulkLoad(db, connection, bulk);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override Task BeginAsync(DbTransaction transaction, CancellationToken ct)
    {
        this.transaction = (SqliteTransaction)transaction;
        bulk?.DropIndexesAndSearchTriggers(this.transaction);
        return Task.CompletedTask;
    }

    // SQLite recreates a counter it finds missing.
    public override async Task ResetIdCountersAsync(IReadOnlyList<string> tables, CancellationToken ct)
    {
        var delete = $"DELETE FROM sqlite_sequence WHERE name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))})";
        await db.Database.ExecuteSqlRawAsync(delete, ct);
    }

    // The id AUTOINCREMENT would give the next contact; the seeding transaction holds the write lock, so it stays free.
    public override async Task<long> NextContactIdAsync(CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'Contacts'), 0), coalesce((SELECT max(Id) FROM Contacts), 0)) + 1";
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    // AUTOINCREMENT's counter follows the ids written by itself.
    public override Task FinishAsync(IProgress<StageProgress>? progress, CancellationToken ct)
    {
        if (bulk is not null)
        {
            progress?.Report(new StageProgress("Indexes", 0, bulk.IndexCount));
            bulk.CreateIndexes(done => progress?.Report(new StageProgress("Indexes", done, bulk.IndexCount)));
            progress?.Report(new StageProgress("Search index", 0, 1));
            bulk.FillSearchAndCreateTriggers();
            progress?.Report(new StageProgress("Search index", 1, 1));
        }
        return Task.CompletedTask;
    }

    /// <summary>After the commit (or the rollback): back to the settings the load changed, and the connection closed.</summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            bulk?.End();
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
