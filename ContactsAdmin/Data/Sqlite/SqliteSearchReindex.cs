using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.Sqlite;

/// <summary>
/// Re-indexes the contacts a bulk UPDATE renames (<see cref="ModelUpdate{T}"/>) in two passes, all their old entries out
/// before the UPDATE and all the new ones in after it, with the update trigger stood aside meanwhile
/// (<see cref="ContactSearchSchema.DeferralTable"/> says why). Runs on the context's connection and in its transaction, so
/// a failure anywhere rolls the index back with the rows.
/// </summary>
/// <remarks>
/// Inside <see cref="DeferMerges"/> (an import, which tidies the index at its end: <see cref="SqliteSearchIndex.TidyStepAsync"/>)
/// FTS5's "deletemerge" (rewrite a segment once a tenth of its rows are deleted) is off while the old entries go: an import
/// renames its contacts a batch at a time, and each batch's deletes would otherwise rewrite the same large segment again
/// (100,000 renames in batches of 3,000: 7.4 s with it, 2.2 s without). Other writers (the API's bulk writes) keep it on,
/// since nothing would merge the deleted entries away after them.
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

    // The calling flow's deferral when it tidies the index itself afterwards (DeferMerges), which counts the renamed contacts.
    private static readonly AsyncLocal<MergeDeferral?> mergesDeferred = new();

    private readonly AppDbContext db;
    private readonly string ids;
    // The setting to put back, when this re-index turned it off.
    private readonly int? deleteMerge;

    private SqliteSearchReindex(AppDbContext db, string ids, int? deleteMerge) => (this.db, this.ids, this.deleteMerge) = (db, ids, deleteMerge);

    /// <summary>For the rest of the calling flow, until disposed: "deletemerge" off while renamed contacts' entries go.</summary>
    public static DeferredTidying DeferMerges() => new MergeDeferral();

    private sealed class MergeDeferral : DeferredTidying
    {
        private readonly MergeDeferral? outer = mergesDeferred.Value;

        public MergeDeferral() => mergesDeferred.Value = this;

        public override void Dispose()
        {
            mergesDeferred.Value = outer;
            base.Dispose();
        }
    }

    /// <summary>Before the UPDATE: the trigger stands aside ("deletemerge" goes off inside <see cref="DeferMerges"/>), and the contacts' entries go.</summary>
    public static SqliteSearchReindex Begin(AppDbContext db, IReadOnlyList<long> contactIds)
    {
        var ids = System.Text.Json.JsonSerializer.Serialize(contactIds);
        int? deleteMerge = null;
        db.Database.ExecuteSqlRaw($"INSERT INTO {ContactSearchSchema.DeferralTable} (Id) VALUES (1)");
        if (mergesDeferred.Value is { } deferral)
        {
            deferral.CountRenamed(contactIds.Count);
            deleteMerge = db.Database.SqlQueryRaw<int?>(ReadDeleteMerge).AsEnumerable().FirstOrDefault() ?? DefaultDeleteMerge;
            db.Database.ExecuteSqlRaw(SetDeleteMerge, 100);
        }
        db.Database.ExecuteSqlRaw($"DELETE FROM {ContactSearchSchema.Table} WHERE rowid IN {Ids}", ids);
        return new SqliteSearchReindex(db, ids, deleteMerge);
    }

    /// <summary>After the UPDATE: the contacts' entries from their new values, in id order (FTS5 appends), then "deletemerge" and the trigger back.</summary>
    public void Finish()
    {
        db.Database.ExecuteSqlRaw(Reinsert, ids);
        if (deleteMerge is { } restored) db.Database.ExecuteSqlRaw(SetDeleteMerge, restored);
        db.Database.ExecuteSqlRaw($"DELETE FROM {ContactSearchSchema.DeferralTable}");
    }
}
