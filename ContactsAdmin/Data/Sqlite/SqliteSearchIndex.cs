using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.Sqlite;

/// <summary>The FTS5 trigram table (<see cref="ContactSearchSchema"/>), queried with MATCH; its rowid is the contact's id.</summary>
internal sealed class SqliteSearchIndex : ContactSearchIndex
{
    // The index's name is part of the SQL text; the match ({0}) and the bounds are parameters.
    private const string IdsSql = $"SELECT rowid AS Value FROM {ContactSearchSchema.Table} WHERE {ContactSearchSchema.Table} MATCH {{0}}";

    public override IQueryable<long> Ids(AppDbContext db, SearchTerms terms, (long From, long To)? within = null) =>
        // FTS5 seeks a rowid range itself; the slice's bounds must be written on its own rowid to reach it.
        within is { From: var from, To: var to }
            ? db.Database.SqlQueryRaw<long>(IdsSql + " AND rowid >= {1} AND rowid < {2}", Match(terms), from, to)
            : db.Database.SqlQueryRaw<long>(IdsSql, Match(terms));

    public override Task<int> CountAsync(AppDbContext db, SearchTerms terms, int? limit, CancellationToken ct) => limit is { } cap
        ? db.Database.SqlQueryRaw<int>($"SELECT count(*) AS Value FROM ({IdsSql} LIMIT {{1}})", Match(terms), cap).SingleAsync(ct)
        : db.Database.SqlQueryRaw<int>($"SELECT count(*) AS Value FROM ({IdsSql})", Match(terms)).SingleAsync(ct);

    /// <summary>
    /// Walks the sort's (covering) index and checks each id against the matches, gathered once: "Id + 0" is the same id,
    /// but not the table's key, so SQLite cannot look each match up by it. An index entry costs a thirtieth of a row,
    /// so this wins from √N matches (<see cref="FewMatches"/>) up to the many-matches line.
    /// </summary>
    public override IQueryable<Contact> CountedMatches(AppDbContext db, IQueryable<Contact> contacts, SearchTerms terms, (long From, long To)? within = null)
    {
        var ids = Ids(db, terms, within);
        return contacts.Where(c => ids.Contains(c.Id + 0));
    }

    public override double FewMatches => 1;

    /// <summary>The FTS5 query: with the trigram tokenizer a phrase matches the text as a substring.</summary>
    internal static string Match(SearchTerms terms) => terms.PhoneDigits switch
    {
        // Digits as typed: one phrase over both columns reads the trigrams' lists once, where "Text : ... OR
        // Phone : ..." reads them twice (the index has just these two columns).
        { } digits when digits == terms.Text => Phrase(terms.Text),
        { } digits => $"{ContactSearchSchema.TextColumn} : {Phrase(terms.Text)} OR {ContactSearchSchema.PhoneColumn} : {Phrase(digits)}",
        _ => $"{ContactSearchSchema.TextColumn} : {Phrase(terms.Text)}",
    };

    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    /// <summary>
    /// <see cref="TidyStepAsync"/> is FTS5's incremental merge, about <see cref="TidyPages"/> pages a step: the first step puts
    /// every segment on one level (a negative page count), the next ones go on until a step writes nothing, leaving one segment
    /// without the entries renamed contacts left deleted (<see cref="SqliteSearchReindex"/>). 100,000 renamed contacts: common trigrams read
    /// 19 ms before, 46 ms with the deleted entries, 9 ms after; nine steps of 0.2 to 0.4 s (docs/benchmarks.md).
    /// </summary>
    public override DeferredTidying DeferTidying() => SqliteSearchReindex.DeferMerges();

    public override async Task<bool> TidyStepAsync(AppDbContext db, bool first, CancellationToken ct)
    {
        var before = await TotalChangesAsync(db, ct);
        await db.Database.ExecuteSqlRawAsync(MergeSql, [first ? -TidyPages : TidyPages], ct);
        // The command itself counts as one change; a merge that wrote pages counts more (FTS5's documentation of 'merge').
        return await TotalChangesAsync(db, ct) - before >= 2;
    }

    private const int TidyPages = 250;

    private const string MergeSql = $"INSERT INTO {ContactSearchSchema.Table}({ContactSearchSchema.Table}, rank) VALUES ('merge', {{0}})";

    private static Task<long> TotalChangesAsync(AppDbContext db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<long>("SELECT total_changes() AS Value").SingleAsync(ct);
}
