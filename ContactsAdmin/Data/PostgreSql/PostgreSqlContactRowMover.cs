using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// PostgreSQL moves a contact's rows by inserting copies under the other contact, with the same ids (the ids are identity
/// columns BY DEFAULT, so a given id is taken as is; the key is (ContactId, Id), so old and new may stand side by side
/// for the moment between), then deleting the old rows. No UPDATE of ContactId: on Citus it is the distribution column,
/// which cannot be updated, and the copy lands on the other contact's shard. Nothing points at these rows by a foreign
/// key, and whatever finds one by its id (a merge's undo, an event key) still finds it.
/// </summary>
internal sealed class PostgreSqlContactRowMover : ContactRowMover
{
    public override async Task<int> MoveAsync<T>(AppDbContext db, long fromId, long toId, IReadOnlyCollection<long>? ids, CancellationToken ct)
    {
        var (table, columns) = TableOf<T>(db);
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select(c => c == OwnerColumn ? "@to" : $"\"{c}\""));
        var which = $"\"{OwnerColumn}\" = @from" + (ids is null ? "" : $" AND \"{IdColumn}\" = ANY(@ids)");
        // Table and column names from the model; the values are parameters.
        var copy = $"INSERT INTO \"{table}\" ({names}) SELECT {values} FROM \"{table}\" WHERE {which}";
        var delete = $"DELETE FROM \"{table}\" WHERE {which}";
        await db.Database.ExecuteSqlRawAsync(copy, Parameters(fromId, toId, ids), ct);
        return await db.Database.ExecuteSqlRawAsync(delete, Parameters(fromId, null, ids), ct);
    }

    private static List<NpgsqlParameter> Parameters(long fromId, long? toId, IReadOnlyCollection<long>? ids)
    {
        List<NpgsqlParameter> parameters = [new("from", fromId)];
        if (toId is { } to) parameters.Add(new("to", to));
        if (ids is not null) parameters.Add(new("ids", ids.ToArray()));
        return parameters;
    }
}
