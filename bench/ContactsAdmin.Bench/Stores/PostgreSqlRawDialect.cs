using System.Text;
using System.Text.RegularExpressions;

namespace ContactsAdmin.Bench.Stores;

/// <summary>
/// PostgreSQL: identifiers quoted, NULL placed as SQLite places it, times as timestamptz, and search with LIKE on the
/// lower-case columns Text and Phone of the search table ContactSearch, which pg_trgm's GIN indexes answer.
/// </summary>
public sealed partial class PostgreSqlRawDialect : RawDialect
{
    public static readonly PostgreSqlRawDialect Instance = new();

    private PostgreSqlRawDialect() { }

    /// <summary>
    /// EF created the tables and columns with their C# names quoted, so PostgreSQL knows them only quoted. The shared
    /// SQL writes them bare (keywords in capitals, functions and aliases in lower case), so every word that starts
    /// with a capital and has a lower-case letter is an identifier: quoted here, outside '...' literals.
    /// </summary>
    public override string Sql(string sql)
    {
        var quoted = new StringBuilder(sql.Length + 64);
        var parts = sql.Split('\'');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) quoted.Append('\'');
            quoted.Append(i % 2 == 1 ? parts[i] : Identifier().Replace(parts[i], "\"$1\""));
        }
        return quoted.ToString();
    }

    [GeneratedRegex("""(?<![\w"@$:])([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)(?![\w"])""")]
    private static partial Regex Identifier();

    // PostgreSQL sorts NULL highest; the app writes NULLS FIRST / LAST after a nullable column (NullsLowestOrdering).
    public override string OrderTerm(string column, bool descending, bool nullable) =>
        column + (descending ? " DESC" : "") + (!nullable ? "" : descending ? " NULLS LAST" : " NULLS FIRST");

    public override object Time(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    public override DateTime? ReadTime(object? value) => value is DateTime time ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : null;

    public override (string Where, (string Name, object Value)[] Parameters) Search(string text, string? phoneDigits) =>
        phoneDigits is { Length: >= 3 } digits
            ? ("c.Id IN (SELECT s.ContactId FROM ContactSearch AS s WHERE s.Text LIKE @text OR s.Phone LIKE @phone)", [("@text", Pattern(text)), ("@phone", Pattern(digits))])
            : ("c.Id IN (SELECT s.ContactId FROM ContactSearch AS s WHERE s.Text LIKE @text)", [("@text", Pattern(text))]);

    /// <summary>Anywhere in the value; the term's own %, _ and \ are literal (\ is LIKE's escape).</summary>
    private static string Pattern(string text) => "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
