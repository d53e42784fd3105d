using Microsoft.Data.Sqlite;
using Npgsql;

namespace ContactsAdmin.Data;

/// <summary>
/// A write refused because a unique index already holds the value (a concurrent writer took an identifier after the
/// writer's own check): SQLite's SQLITE_CONSTRAINT or PostgreSQL's unique_violation, bare or wrapped by EF, or a look-up table's
/// <see cref="StoreIdentifierTakenException"/>. One place that
/// knows the engines' error codes.
/// </summary>
public static class StoreUniqueViolation
{
    /// <summary>Whether <paramref name="e"/> is such a refusal, whichever index it was.</summary>
    public static bool Is(Exception? e) => Is(e, [], out _);

    /// <summary>Which of <paramref name="columns"/> the violated index is on, when <paramref name="e"/> is such a refusal.</summary>
    public static bool Is(Exception? e, IReadOnlyList<string> columns, out string? column)
    {
        column = null;
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT } sqlite:
                    // SQLite names the index's columns in its message: "UNIQUE constraint failed: Contacts.Phone".
                    column = columns.FirstOrDefault(sqlite.Message.Contains);
                    return true;
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres:
                    // PostgreSQL names the index, which EF names after its columns: "IX_Contacts_Phone".
                    column = columns.FirstOrDefault(c => postgres.ConstraintName?.EndsWith("_" + c, StringComparison.Ordinal) == true);
                    return true;
                case StoreIdentifierTakenException taken:
                    // A look-up table's claim (PostgreSQL's ContactEmails and the like): named by the Contacts column.
                    column = columns.FirstOrDefault(c => c == taken.Column);
                    return true;
            }
        }
        return false;
    }
}
