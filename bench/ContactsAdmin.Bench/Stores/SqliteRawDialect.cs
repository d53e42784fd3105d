using System.Globalization;

namespace ContactsAdmin.Bench.Stores;

/// <summary>SQLite: the shared SQL as written; search through the FTS5 trigram table ContactSearch (its rowid is the contact's id).</summary>
public sealed class SqliteRawDialect : RawDialect
{
    public static readonly SqliteRawDialect Instance = new();

    private SqliteRawDialect() { }

    public override string Sql(string sql) => sql;

    // SQLite sorts NULL lowest already.
    public override string OrderTerm(string column, bool descending, bool nullable) => column + (descending ? " DESC" : "");

    // As EF Core writes a DateTime on SQLite, so the baseline compares the same text.
    public override object Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public override DateTime? ReadTime(object? value) => value is string text
        ? DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc)
        : null;

    public override (string Where, (string Name, object Value)[] Parameters) Search(string text, string? phoneDigits)
    {
        // With the trigram tokenizer a phrase matches as a substring; the phone's digits are searched in its own column.
        var match = $"Text : {Phrase(text)}" + (phoneDigits is { Length: >= 3 } digits ? $" OR Phone : {Phrase(digits)}" : "");
        return ("c.Id IN (SELECT rowid FROM ContactSearch WHERE ContactSearch MATCH @match)", [("@match", match)]);
    }

    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
