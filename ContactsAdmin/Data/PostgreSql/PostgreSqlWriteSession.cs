using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// The connection and transaction of a write already under way in an <see cref="AppDbContext"/>, for the look-up tables
/// (identifiers, event keys) that are written beside the rows they guard by plain Npgsql commands: they must commit or
/// roll back with those rows, so writing them outside a transaction is a bug, refused here rather than left to chance.
/// </summary>
internal static class PostgreSqlWriteSession
{
    public static (NpgsqlConnection Connection, NpgsqlTransaction Transaction) Of(AppDbContext db, string what)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException($"{what} are written inside the write's transaction: they must commit with it.");
        return ((NpgsqlConnection)db.Database.GetDbConnection(), transaction);
    }

    public static NpgsqlCommand Command(AppDbContext db, string what, string sql)
    {
        var (connection, transaction) = Of(db, what);
        return new NpgsqlCommand(sql, connection, transaction);
    }
}
