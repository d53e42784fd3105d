using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// The generated search columns and their trigram GIN indexes (<see cref="PostgreSqlSearchSchema"/>), queried with
/// <c>LIKE '%text%'</c>: pg_trgm answers it from the index for three characters or more.
/// </summary>
internal sealed class PostgreSqlSearchIndex : ContactSearchIndex
{
    public override IQueryable<long> Ids(AppDbContext db, SearchTerms terms, (long From, long To)? within = null)
    {
        var (sql, parameters) = IdsSql(terms, within);
        return db.Database.SqlQueryRaw<long>(sql, parameters);
    }

    public override Task<int> CountAsync(AppDbContext db, SearchTerms terms, int? limit, CancellationToken ct)
    {
        var (sql, parameters) = IdsSql(terms, within: null);
        if (limit is { } cap)
        {
            sql += $" LIMIT {{{parameters.Length}}}";
            parameters = [.. parameters, cap];
        }
        var count = "SELECT count(*)::int AS \"Value\" FROM (" + sql + ") AS matches";   // values are parameters, never text
        return db.Database.SqlQueryRaw<int>(count, parameters).SingleAsync(ct);
    }

    /// <summary>The matching ids' query, its patterns and bounds as parameters ({0}, {1}, ...).</summary>
    private static (string Sql, object[] Parameters) IdsSql(SearchTerms terms, (long From, long To)? within)
    {
        var parameters = new List<object> { Pattern(terms.Text) };
        var where = $"\"{PostgreSqlSearchSchema.TextColumn}\" LIKE {{0}}";
        if (terms.PhoneDigits is { } digits)
        {
            where = $"({where} OR \"{PostgreSqlSearchSchema.PhoneColumn}\" LIKE {{1}})";
            parameters.Add(Pattern(digits));
        }
        if (within is { From: var from, To: var to })
        {
            where += $" AND \"Id\" >= {{{parameters.Count}}} AND \"Id\" < {{{parameters.Count + 1}}}";
            parameters.AddRange([from, to]);
        }
        return ($"SELECT \"Id\" AS \"Value\" FROM \"Contacts\" WHERE {where}", [.. parameters]);
    }

    /// <summary>A LIKE pattern that finds <paramref name="text"/> anywhere; its own %, _ and \ are literal (\ is LIKE's escape).</summary>
    private static string Pattern(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
