using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace ContactsAdmin.Data;

/// <summary>
/// Per-connection SQLite settings. busy_timeout makes a writer wait for a lock instead of failing at
/// once when the API, the UI and background work write together; synchronous=NORMAL is safe with WAL
/// and avoids an fsync per transaction. mmap_size lets reads come straight from the OS page cache instead of a
/// read() call per page: at a million contacts that halves the cost of reading a few thousand scattered rows.
/// cache_size 64 MiB (SQLite's default is 2 MiB): a bulk write dirties thousands of index pages, which a small cache
/// spills into the log before the commit and writes again (measured: bulk events 12,279 -> 14,155/s); reads come
/// through mmap, so the cache fills mostly with a writer's own pages.
/// (journal_mode=WAL is persistent and set once at start-up.) Where a <see cref="WalCheckpointer"/> runs (the web
/// app), wal_autocheckpoint=0 leaves checkpoints to it.
/// SQLite's own lower() folds ASCII only; replacing it with .NET's makes case-insensitive search work
/// for every alphabet (Олена, Zoë).
/// </summary>
/// <remarks>
/// The settings belong to the native connection, which Microsoft.Data.Sqlite keeps in its pool across many
/// opens; they are applied the first time a native connection is seen, not on each reuse (a grid page opens a
/// connection for about a millisecond of work). The function is different: the pool unregisters a connection's
/// functions when it takes the connection back, so it is added on every open.
/// </remarks>
internal sealed class SqliteConnectionPragmas(bool checkpointInBackground) : DbConnectionInterceptor
{
    private readonly string pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 2147418112; PRAGMA cache_size = -65536;"
        + (checkpointInBackground ? " PRAGMA wal_autocheckpoint = 0;" : " PRAGMA wal_autocheckpoint = 1000;");   // 1000: SQLite's default

    /// <summary>
    /// The settings applied to each native connection; entries go when the pool closes the connection. The pool is
    /// the process's (by connection string), so a connection may come with another registration's settings (tests
    /// run the web app beside data services of their own): then this one's are applied.
    /// </summary>
    private static readonly ConditionalWeakTable<sqlite3, string> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        AddFunctions(connection);
        if (IsConfigured(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AddFunctions(connection);
        if (IsConfigured(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out var applied) && applied == pragmas;

    private void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Configured.AddOrUpdate(handle, pragmas);
    }

    private static void AddFunctions(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
            sqlite.CreateFunction("lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
    }
}
