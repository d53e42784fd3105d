using ContactsAdmin.Bench.Stores;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>What a raw page query returned: the ids in order, and the total counted up to the cap + 1.</summary>
public sealed record RawPage(IReadOnlyList<long> Ids, long Count);

/// <summary>
/// The grid's answer written by hand: one page of the same columns in the same order, and the same total
/// (counted up to the same cap as the app). The baseline the app's ContactQueries are compared with.
/// </summary>
internal sealed class RawGrid(RawSql raw, int countCap)
{
    private const string Columns = "c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.EmailStatus, c.Source, c.CreatedAt, c.LastEditAt, c.Country, c.Language";

    public RawSql Raw => raw;

    public int CountCap => countCap;

    /// <param name="where">SQL after WHERE on the contacts table aliased c, or null.</param>
    /// <param name="orderBy">SQL after ORDER BY, ending with the Id tie-breaker (<see cref="RawSql.Order"/>).</param>
    public Task<RawPage> PageAndCountAsync(string? where, string orderBy, int offset, params (string Name, object Value)[] parameters) =>
        PageAndCountAsync("", where, where, orderBy, offset, parameters);

    /// <summary>The same, with the count written its own way: starting from a list of ids joined to the contacts.</summary>
    /// <param name="countJoin">SQL after FROM Contacts c in the count only (a JOIN), or empty.</param>
    /// <param name="countWhere">The count's SQL after WHERE, or null.</param>
    public async Task<RawPage> PageAndCountAsync(
        string countJoin, string? countWhere, string? where, string orderBy, int offset, params (string Name, object Value)[] parameters)
    {
        var filter = where is null ? "" : "WHERE " + where;
        await using var page = raw.Command($"SELECT {Columns} FROM Contacts c {filter} ORDER BY {orderBy} LIMIT 25 OFFSET {offset}", parameters);
        var ids = await RawSql.DrainAsync(page);
        var countFilter = countWhere is null ? "" : "WHERE " + countWhere;
        await using var count = raw.Command($"SELECT count(*) FROM (SELECT 1 FROM Contacts c {countJoin} {countFilter} LIMIT {countCap + 1}) AS capped", parameters);
        return new RawPage(ids, Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public System.Data.Common.DbCommand Command(string sql, params (string Name, object Value)[] parameters) => raw.Command(sql, parameters);
}
