using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ContactsAdmin.Data;

/// <summary>
/// Per-connection SQLite settings. busy_timeout makes a writer wait for a lock instead of failing at
/// once when the API, the UI and background work write together; synchronous=NORMAL is safe with WAL
/// and avoids an fsync per transaction. (journal_mode=WAL is persistent and set once at start-up.)
/// </summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
