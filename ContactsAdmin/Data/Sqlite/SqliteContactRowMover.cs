using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.Sqlite;

/// <summary>SQLite moves a contact's rows by updating their ContactId: the row's key is its id alone.</summary>
internal sealed class SqliteContactRowMover : ContactRowMover
{
    public override Task<int> MoveAsync<T>(AppDbContext db, long fromId, long toId, IReadOnlyCollection<long>? ids, CancellationToken ct)
    {
        var (table, _) = TableOf<T>(db);
        var sql = $"UPDATE \"{table}\" SET \"{OwnerColumn}\" = @to WHERE \"{OwnerColumn}\" = @from"
            + (ids is null ? "" : $" AND \"{IdColumn}\" IN (SELECT value FROM json_each(@ids))");
        List<SqliteParameter> parameters = [new("@from", fromId), new("@to", toId)];
        // The ids as one JSON array, unpacked by json_each: one statement text for any number of them.
        if (ids is not null) parameters.Add(new("@ids", JsonSerializer.Serialize(ids)));
        return db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
    }
}
