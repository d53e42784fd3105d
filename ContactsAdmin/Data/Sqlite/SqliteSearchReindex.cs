using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.Sqlite;

/// <summary>
/// Re-indexes the contacts a bulk UPDATE renames (<see cref="ModelUpdate{T}"/>) in two passes, all their old entries out
/// before the UPDATE and all the new ones in after it, with the update trigger stood aside meanwhile
/// (<see cref="ContactSearchSchema.DeferralTable"/> says why). Runs on the context's connection and in its transaction, so
/// a failure anywhere rolls the index back with the rows.
/// </summary>
/// <remarks>
/// While the old entries go, FTS5's "deletemerge" (rewrite a segment once a tenth of its rows are deleted) is off: an
/// import renames its contacts a batch at a time, and each batch's deletes would otherwise rewrite the same large segment
/// again (100,000 renames in batches of 3,000: 7.4 s with it, 2.2 s without). The segments are still merged later, a
/// little at each write, as FTS5's automatic merging goes; until then the index holds the deleted entries (+70 % after
/// renaming every contact once).
/// </remarks>
internal sealed class SqliteSearchReindex
{
    private const string Ids = "(SELECT value FROM json_each({0}))";

    private static readonly string Reinsert =
        $"INSERT INTO {ContactSearchSchema.InsertColumns} SELECT new.Id, {ContactSearchSchema.Values("new")} FROM Contacts AS new " +
        $"WHERE new.Id IN {Ids} ORDER BY new.Id";

    private static readonly string ReadDeleteMerge = $"SELECT v AS Value FROM {ContactSearchSchema.Table}_config WHERE k = 'deletemerge'";

    private static readonly string SetDeleteMerge = $"INSERT INTO {ContactSearchSchema.Table}({ContactSearchSchema.Table}, rank) VALUES ('deletemerge', {{0}})";

    // SQLite's own default, for an index that never had the setting changed.
    private const int DefaultDeleteMerge = 10;

    private readonly AppDbContext db;
    private readonly string ids;
    private readonly int deleteMerge;

    private SqliteSearchReindex(AppDbContext db, string ids, int deleteMerge) => (this.db, this.ids, this.deleteMerge) = (db, ids, deleteMerge);

    /// <summary>Before the UPDATE: the trigger stands aside, "deletemerge" goes off, and the contacts' entries go.</summary>
    public static SqliteSearchReindex Begin(AppDbContext db, IReadOnlyList<long> contactIds)
    {
        var ids = System.Text.Json.JsonSerializer.Serialize(contactIds);
        var deleteMerge = db.Database.SqlQueryRaw<int?>(ReadDeleteMerge).AsEnumerable().FirstOrDefault() ?? DefaultDeleteMerge;
        db.Database.ExecuteSqlRaw($"INSERT INTO {ContactSearchSchema.DeferralTable} (Id) VALUES (1)");
        db.Database.ExecuteSqlRaw(SetDeleteMerge, 100);
        db.Database.ExecuteSqlRaw($"DELETE FROM {ContactSearchSchema.Table} WHERE rowid IN {Ids}", ids);
        return new SqliteSearchReindex(db, ids, deleteMerge);
    }

    /// <summary>After the UPDATE: the contacts' entries from their new values, in id order (FTS5 appends), then "deletemerge" and the trigger back.</summary>
    public void Finish()
    {
        db.Database.ExecuteSqlRaw(Reinsert, ids);
        db.Database.ExecuteSqlRaw(SetDeleteMerge, deleteMerge);
        db.Database.ExecuteSqlRaw($"DELETE FROM {ContactSearchSchema.DeferralTable}");
    }
}
