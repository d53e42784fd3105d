using Microsoft.Data.Sqlite;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// The grid's answer written by hand: one page of the same columns in the same order, and the same total
/// (counted up to the same cap as the app). The baseline the app's ContactQueries are compared with.
/// </summary>
internal sealed class RawGrid(SqliteConnection connection, int countCap)
{
    private const string Columns = "c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.EmailStatus, c.Source, c.CreatedAt, c.LastEditAt, c.Country, c.Language";

    /// <param name="where">SQL after WHERE on the contacts table aliased c, or null.</param>
    /// <param name="orderBy">SQL after ORDER BY, ending with the Id tie-breaker.</param>
    public Task PageAndCountAsync(string? where, string orderBy, int offset, params (string Name, object Value)[] parameters) =>
        PageAndCountAsync("", where, where, orderBy, offset, parameters);

    /// <summary>The same, with the count written its own way: starting from a list of ids joined to the contacts.</summary>
    /// <param name="countJoin">SQL after FROM Contacts c in the count only (a JOIN), or empty.</param>
    /// <param name="countWhere">The count's SQL after WHERE, or null.</param>
    public async Task PageAndCountAsync(
        string countJoin, string? countWhere, string? where, string orderBy, int offset, params (string Name, object Value)[] parameters)
    {
        var filter = where is null ? "" : "WHERE " + where;
        await using var page = Command($"SELECT {Columns} FROM Contacts c {filter} ORDER BY {orderBy} LIMIT 25 OFFSET {offset}", parameters);
        await ActivityBench.Drain(page);
        var countFilter = countWhere is null ? "" : "WHERE " + countWhere;
        await using var count = Command($"SELECT count(*) FROM (SELECT 1 FROM Contacts c {countJoin} {countFilter} LIMIT {countCap + 1})", parameters);
        await count.ExecuteScalarAsync();
    }

    public SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    /// <summary>ORDER BY for a column and direction, with the Id tie-breaker in the same direction.</summary>
    public static string Order(string columns, bool descending)
    {
        var direction = descending ? " DESC" : "";
        return string.Join(", ", columns.Split(',').Select(c => "c." + c.Trim() + direction).Append("c.Id" + direction));
    }
}
