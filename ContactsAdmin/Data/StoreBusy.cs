using Microsoft.Data.Sqlite;
using Npgsql;

namespace ContactsAdmin.Data;

/// <summary>
/// A write that found the store locked for longer than the busy timeout (another process holds the write lock, a
/// backup or a long bulk write runs): SQLite's SQLITE_BUSY or SQLITE_LOCKED, or PostgreSQL's deadlock_detected and
/// lock_not_available (two transactions waited for each other's rows, and the server rolled one back), bare or wrapped
/// by EF. Nothing was written; the person can try again. One place that knows the store's error codes.
/// </summary>
public static class StoreBusy
{
    /// <summary>What people are told, the same on every page.</summary>
    public const string Message = "The store is busy, try again in a moment. Nothing was saved.";

    public static bool Is(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED }
                or PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable })
                return true;
        return false;
    }
}
