using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// The search table and its trigram GIN indexes (<see cref="PostgreSqlSearchSchema"/>), queried with <c>LIKE '%text%'</c>:
/// pg_trgm answers it from the index for three characters or more, and each candidate's narrow row is read to check it.
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

    /// <summary>
    /// The matching contacts, found in the search table and read by their ids (<see cref="ContactsById"/>), for the page
    /// to sort. PostgreSQL's indexes do not carry the id, so SQLite's form, a walk of the sort's index checking ids, would
    /// read a row per entry here. Any other query of contacts (a slice, a list of ids) takes the matches as an id list.
    /// </summary>
    public override IQueryable<Contact> CountedMatches(AppDbContext db, IQueryable<Contact> contacts, SearchTerms terms, (long From, long To)? within = null)
    {
        if (within is not null || !IsWholeTable(contacts))
        {
            var ids = Ids(db, terms, within);
            return contacts.Where(c => ids.Contains(c.Id));
        }
        var (where, parameters) = Where(terms, within: null);
        return db.Contacts.FromSqlRaw(ContactsById.Sql($"SELECT \"ContactId\" FROM \"{PostgreSqlSearchSchema.Table}\" WHERE {where}"), parameters).AsNoTracking();
    }

    /// <summary>PostgreSQL's planner finds no cheaper page for few matches than reading them (<see cref="CountedMatches"/>).</summary>
    public override double FewMatches => 0;

    /// <summary>Whether <paramref name="contacts"/> is the contacts table itself, with or without tracking.</summary>
    private static bool IsWholeTable(IQueryable<Contact> contacts)
    {
        var expression = contacts.Expression;
        while (expression is MethodCallExpression { Method.Name: nameof(EntityFrameworkQueryableExtensions.AsNoTracking) or nameof(EntityFrameworkQueryableExtensions.AsTracking) } call)
            expression = call.Arguments[0];
        return expression is EntityQueryRootExpression;
    }

    /// <summary>The matching ids' query, its patterns and bounds as parameters ({0}, {1}, ...).</summary>
    private static (string Sql, object[] Parameters) IdsSql(SearchTerms terms, (long From, long To)? within)
    {
        var (where, parameters) = Where(terms, within);
        return ($"SELECT \"ContactId\" AS \"Value\" FROM \"{PostgreSqlSearchSchema.Table}\" WHERE {where}", parameters);
    }

    /// <summary>The condition on a contact's row of the search table, its patterns and bounds as parameters ({0}, {1}, ...).</summary>
    private static (string Where, object[] Parameters) Where(SearchTerms terms, (long From, long To)? within)
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
            where += $" AND \"ContactId\" >= {{{parameters.Count}}} AND \"ContactId\" < {{{parameters.Count + 1}}}";
            parameters.AddRange([from, to]);
        }
        return (where, [.. parameters]);
    }

    /// <summary>A LIKE pattern that finds <paramref name="text"/> anywhere; its own %, _ and \ are literal (\ is LIKE's escape).</summary>
    private static string Pattern(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
