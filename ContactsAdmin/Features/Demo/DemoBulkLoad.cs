using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using Microsoft.Data.Sqlite;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Settings and schema work for filling empty contact tables with many rows at once. Keeping a dozen indexes
/// and the full-text index up to date row by row costs several times the rows themselves, so the load drops the
/// secondary indexes of the tables it fills and the ContactSearch triggers, and afterwards recreates them from
/// the very SQL the migrations left in sqlite_master and fills ContactSearch in one statement made from its
/// insert trigger. All of it happens inside the seeding transaction: a failure rolls the schema back too.
/// </summary>
internal sealed partial class DemoBulkLoad
{
    /// <summary>The tables the demo fills; AuditEntries is not among them, so it keeps its index.</summary>
    private static readonly string[] Tables =
        ["Contacts", "ContactDevices", "CustomFieldValues", "ContactSubscriptions", "EmailEvents", "BlacklistEntries", "Activities"];

    private readonly SqliteConnection connection;
    private readonly bool leftWal;
    private SqliteTransaction? transaction;
    private readonly List<(string Type, string Name, string Sql)> dropped = [];
    private string? fillSearch;

    private DemoBulkLoad(SqliteConnection connection, bool leftWal)
    {
        this.connection = connection;
        this.leftWal = leftWal;
    }

    /// <summary>
    /// Settings for the load, on a connection of its own and outside any transaction. Foreign keys are not
    /// checked row by row (the demo makes every parent before its children). Creating an index scans its whole
    /// table, which reads faster through a memory map (SQLite maps up to 2 GB); the rows are appended and index
    /// entries are sorted in temporary files, so a small page cache does (a sort in 64 MB runs is also faster than
    /// one huge sort in memory). A database in WAL mode moves to a rollback journal for the load when no other
    /// connection has it open: a rollback journal keeps only the old content of pages that existed before, so the
    /// new pages of an empty database are written once instead of twice (to the WAL, then to the file), and a
    /// crash still rolls the whole load back. <see cref="End"/> puts WAL back.
    /// </summary>
    public static DemoBulkLoad Begin(SqliteConnection connection, string pooledConnectionString)
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
        return new DemoBulkLoad(connection, leftWal);
    }

    /// <summary>
    /// Drops the filled tables' secondary indexes and, when ContactSearch can be filled in bulk, its triggers; in
    /// the seeding transaction, which the later steps use too.
    /// </summary>
    public void DropIndexesAndSearchTriggers(SqliteTransaction transaction)
    {
        this.transaction = transaction;
        var tables = string.Join(", ", Tables.Select(t => $"'{t}'"));
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            // Indexes made by PRIMARY KEY and UNIQUE constraints have no SQL and stay: they are part of the table.
            command.CommandText = $"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({tables}) AND sql IS NOT NULL " +
                "AND type IN ('index', 'trigger') ORDER BY rowid";
            using var reader = command.ExecuteReader();
            while (reader.Read()) dropped.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        // Only the ContactSearch triggers can be replayed in bulk; any other trigger stays and runs row by row.
        fillSearch = dropped.Where(o => o.Name == ContactSearchSchema.AfterInsertTrigger).Select(o => FillStatement(o.Sql)).FirstOrDefault();
        dropped.RemoveAll(o => o.Type == "trigger" && (fillSearch is null || !ContactSearchSchema.Triggers.Contains(o.Name)));

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
        if (fillSearch is not null)
        {
            Execute(connection, $"INSERT INTO {ContactSearchSchema.Table}({ContactSearchSchema.Table}) VALUES ('delete-all')", transaction);
            Execute(connection, fillSearch, transaction);
        }
        foreach (var (_, _, sql) in dropped.Where(o => o.Type == "trigger"))
            Execute(connection, sql, transaction);
    }

    /// <summary>Back to WAL if the load left it; after the commit (or the rollback).</summary>
    public void End()
    {
        if (leftWal) Execute(connection, "PRAGMA journal_mode = WAL");
    }

    // The trigger's own INSERT ... VALUES (new.Id, <expressions of new>), run as INSERT ... SELECT over every
    // contact with the table named "new": exactly the expressions the triggers use, however a migration changes them.
    private static string? FillStatement(string triggerSql)
    {
        var match = TriggerInsert().Match(triggerSql);
        return match.Success ? $"INSERT INTO {ContactSearchSchema.Table}({match.Groups["columns"].Value}) SELECT {match.Groups["values"].Value} FROM Contacts AS new" : null;
    }

    [GeneratedRegex(@"\bBEGIN\s+INSERT\s+INTO\s+" + ContactSearchSchema.Table + @"\s*\((?<columns>[^)]*)\)\s*VALUES\s*\((?<values>.*)\)\s*;\s*END\s*$",
        RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TriggerInsert();

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
