using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ContactsAdmin.Data;

/// <summary>
/// Per-connection SQLite settings. busy_timeout makes a writer wait for a lock instead of failing at
/// once when the API, the UI and background work write together; synchronous=NORMAL is safe with WAL
/// and avoids an fsync per transaction. mmap_size lets reads come straight from the OS page cache instead of a
/// read() call per page: at a million contacts that halves the cost of reading a few thousand scattered rows.
/// (journal_mode=WAL is persistent and set once at start-up.)
/// SQLite's own lower() folds ASCII only; replacing it with .NET's makes case-insensitive search work
/// for every alphabet (Олена, Zoë).
/// </summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 2147418112;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        AddFunctions(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AddFunctions(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddFunctions(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
            sqlite.CreateFunction("lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
    }
}
