using Microsoft.Data.Sqlite;

namespace ContactsAdmin.Data;

/// <summary>
/// A write refused because a unique index already holds the value (a concurrent writer took an identifier after the
/// writer's own check): SQLite's SQLITE_CONSTRAINT, bare or wrapped by EF. One place that knows the store's error codes.
/// </summary>
public static class StoreUniqueViolation
{
    /// <summary>Which of <paramref name="columns"/> the violated index is on, when <paramref name="e"/> is such a refusal.</summary>
    public static bool Is(Exception? e, IReadOnlyList<string> columns, out string? column)
    {
        column = null;
        for (; e is not null; e = e.InnerException)
        {
            if (e is not SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT } sqlite) continue;
            // SQLite names the index's columns in its message: "UNIQUE constraint failed: Contacts.Phone".
            column = columns.FirstOrDefault(sqlite.Message.Contains);
            return true;
        }
        return false;
    }
}
