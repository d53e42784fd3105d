using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ContactsAdmin.Data.Sqlite;

/// <summary>
/// Settings and schema work for filling empty contact tables with many rows at once. Keeping a dozen indexes
/// and the full-text index up to date row by row costs several times the rows themselves, so the load drops the
/// secondary indexes of the tables it fills (named by the EF model) and the ContactSearch triggers (named by
/// <see cref="ContactSearchSchema"/>), and afterwards recreates them from the very SQL the migrations left in
/// sqlite_master and fills ContactSearch in one statement made of the expressions its triggers use. All of it
/// happens inside the seeding transaction: a failure rolls the schema back too.
/// </summary>
internal sealed class SqliteBulkLoadSchema
{
    private readonly SqliteConnection connection;
    private readonly IModel model;
    private readonly IReadOnlyList<Type> tables;
    private readonly bool leftWal;
    private SqliteTransaction? transaction;
    private readonly List<(string Type, string Name, string Sql)> dropped = [];
    private bool fillSearch;

    private SqliteBulkLoadSchema(SqliteConnection connection, IModel model, IReadOnlyList<Type> tables, bool leftWal)
    {
        this.connection = connection;
        this.model = model;
        this.tables = tables;
        this.leftWal = leftWal;
    }

    /// <summary>
    /// Settings for the load, on a connection of its own and outside any transaction. Foreign keys are not
    /// checked row by row (the load writes every parent before its children). Creating an index scans its whole
    /// table, which reads faster through a memory map (SQLite maps up to 2 GB); the rows are appended and index
    /// entries are sorted in temporary files, so a small page cache does (a sort in 64 MB runs is also faster than
    /// one huge sort in memory). A database in WAL mode moves to a rollback journal for the load when no other
    /// connection has it open: a rollback journal keeps only the old content of pages that existed before, so the
    /// new pages of an empty database are written once instead of twice (to the WAL, then to the file), and a
    /// crash still rolls the whole load back. <see cref="End"/> puts WAL back.
    /// </summary>
    public static SqliteBulkLoadSchema Begin(SqliteConnection connection, string pooledConnectionString, IModel model, IReadOnlyList<Type> tables)
    {
        Execute(connection, "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536; PRAGMA mmap_size = 2147483648;");

        var leftWal = false;
        if (Query(connection, "PRAGMA journal_mode") == "wal")
        {
            // Idle pooled connections would hold the file open in WAL mode; other processes may too, and then
            // waiting would not help, so the switch is tried once, without the busy timeout.
            using (var pooled = new SqliteConnection(pooledConnectionString)) SqliteConnection.ClearPool(pooled);
            var busyTimeout = Query(connection, "PRAGMA busy_timeout");
            try
            {
                Execute(connection, "PRAGMA busy_timeout = 0");
                // Microsoft.Data.Sqlite retries a busy statement until the command timeout; the shortest is a second.
                leftWal = Query(connection, "PRAGMA journal_mode = DELETE", timeoutSeconds: 1) == "delete";
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)   // SQLITE_BUSY, SQLITE_LOCKED
            {
                leftWal = false;
            }
            finally
            {
                Execute(connection, $"PRAGMA busy_timeout = {busyTimeout}");
            }
        }
        return new SqliteBulkLoadSchema(connection, model, tables, leftWal);
    }

    /// <summary>
    /// Drops the filled tables' secondary indexes and, when ContactSearch can be filled in bulk, its triggers; in
    /// the seeding transaction, which the later steps use too.
    /// </summary>
    public void DropIndexesAndSearchTriggers(SqliteTransaction transaction)
    {
        this.transaction = transaction;
        // The model's indexes, under the names the migrations gave them; a PRIMARY KEY's own index is part of the table and stays.
        var indexes = tables.SelectMany(t => model.FindEntityType(t)!.GetIndexes()).Select(i => i.GetDatabaseName());
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT type, name, sql FROM sqlite_master WHERE name IN (SELECT value FROM json_each($names)) AND sql IS NOT NULL " +
                "AND type IN ('index', 'trigger') ORDER BY rowid";
            command.Parameters.AddWithValue("$names", JsonSerializer.Serialize(indexes.Concat(ContactSearchSchema.Triggers)));
            using var reader = command.ExecuteReader();
            while (reader.Read()) dropped.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        // Without the insert trigger there is nothing to fill ContactSearch by: the other triggers stay and run row by row.
        fillSearch = dropped.Any(o => o.Name == ContactSearchSchema.AfterInsertTrigger);
        if (!fillSearch) dropped.RemoveAll(o => o.Type == "trigger");

        foreach (var (type, name, _) in dropped)
            Execute(connection, $"DROP {(type == "index" ? "INDEX" : "TRIGGER")} \"{name}\"", transaction);
    }

    /// <summary>The indexes to recreate, for progress.</summary>
    public int IndexCount => dropped.Count(o => o.Type == "index");

    /// <summary>Recreates the indexes, one progress step each.</summary>
    public void CreateIndexes(Action<int> created)
    {
        var done = 0;
        foreach (var (_, _, sql) in dropped.Where(o => o.Type == "index"))
        {
            Execute(connection, sql, transaction);
            created(++done);
        }
    }

    /// <summary>
    /// Fills ContactSearch from every contact in one statement and recreates its triggers. The contacts were
    /// written (and any old ones deleted) without the triggers, so the index starts from empty.
    /// </summary>
    public void FillSearchAndCreateTriggers()
    {
        if (fillSearch)
        {
            Execute(connection, $"INSERT INTO {ContactSearchSchema.Table}({ContactSearchSchema.Table}) VALUES ('delete-all')", transaction);
            // The insert trigger's own VALUES (new.Id, ...) over every contact, with the table named "new".
            var contacts = model.FindEntityType(typeof(Contact))!.GetTableName();
            Execute(connection, $"INSERT INTO {ContactSearchSchema.InsertColumns} SELECT new.Id, {ContactSearchSchema.Values("new")} FROM \"{contacts}\" AS new", transaction);
        }
        foreach (var (_, _, sql) in dropped.Where(o => o.Type == "trigger"))
            Execute(connection, sql, transaction);
    }

    /// <summary>Back to WAL if the load left it; after the commit (or the rollback).</summary>
    public void End()
    {
        if (leftWal) Execute(connection, "PRAGMA journal_mode = WAL");
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Query(SqliteConnection connection, string sql, int timeoutSeconds = 30)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = timeoutSeconds;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
