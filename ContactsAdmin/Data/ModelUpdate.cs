using ContactsAdmin.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace ContactsAdmin.Data;

/// <summary>
/// Stores the changes of modified entities of one type with compiled UPDATEs of the columns that changed (the rows with
/// the same changed columns together, up to <see cref="MaxRowsPerStatement"/> a statement), on the context's connection
/// and transaction, then marks tracked entities saved. The values are the ones SaveChanges would store (<see cref="ModelRows{T}"/>, bound
/// as <see cref="ModelInsert{T}"/> binds them), and a concurrency token is checked as SaveChanges checks it: the row
/// must still hold the value the entity was read with.
/// </summary>
/// <remarks>
/// Why: SaveChanges spends on each modified row far more than SQLite does (its command, parameters by name, the
/// batch's sort of all tracked entries): an import of updates, six modified rows per line of the file, spent most of its
/// time there.
/// </remarks>
internal sealed class ModelUpdate<T> : IBulkUpdate<T> where T : class
{
    private readonly AppDbContext db;
    private readonly sqlite3 connection;
    private readonly ModelRows<T> row;
    // The entity type's properties in the order of the rows' columns, and where its key and concurrency tokens are.
    private readonly IProperty[] properties;
    private readonly int[] keyColumns;
    private readonly IProperty[] tokens;
    private readonly int[] tokenColumns;
    private readonly Dictionary<(ulong Changed, int Rows), sqlite3_stmt> statements = [];
    // The contact's searched columns (a bit each); none for other types. A change to one re-indexes the contact.
    private readonly ulong searchedColumns;

    /// <summary>
    /// Rows per statement at most. Why many: a statement per row cost more than SQLite's work for the row, above all for
    /// contacts whose name changed, where the search index's trigger (FTS5) writes out what it holds in memory at the end
    /// of every statement (as for inserts, <see cref="ModelInsert{T}"/>): an import's 99,000 renamed contacts and their
    /// 500,000 values spent 23 s here a row at a time, 13.5 s up to 256 at a time (docs/benchmarks.md).
    /// </summary>
    private const int MaxRowsPerStatement = 256;

    private ModelUpdate(AppDbContext db, IEntityType entityType)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Update inside a transaction: the rows must commit with the rest of the write.");
        this.db = db;
        connection = ((SqliteConnection)db.Database.GetDbConnection()).Handle
            ?? throw new InvalidOperationException("The context's connection is not open.");
        row = new ModelRows<T>(db.Model, withKey: true);
        var byColumn = entityType.GetProperties().ToDictionary(p => p.GetColumnName());
        properties = [.. row.Columns.Names.Select(name => byColumn[name])];
        var key = entityType.FindPrimaryKey()!.Properties;
        keyColumns = [.. key.Select(p => Array.IndexOf(properties, p))];
        tokens = [.. entityType.GetProperties().Where(p => p.IsConcurrencyToken)];
        tokenColumns = [.. tokens.Select(p => Array.IndexOf(properties, p))];
        if (typeof(T) == typeof(Contact))
            foreach (var column in ContactSearchSchema.SearchedColumns) searchedColumns |= 1UL << Array.FindIndex(properties, p => p.GetColumnName() == column);
    }

    /// <summary>
    /// This path for <typeparamref name="T"/>, or null when its rows need SaveChanges: more columns than a statement's
    /// key here holds, or a concurrency token that is not a plain integer.
    /// </summary>
    public static ModelUpdate<T>? For(AppDbContext db)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        if (entityType.GetProperties().Count() > 64) return null;
        if (entityType.GetProperties().Any(p => p.IsConcurrencyToken && (p.GetValueConverter() is not null || !IsInteger(p.ClrType)))) return null;
        return new ModelUpdate<T>(db, entityType);
    }

    private static bool IsInteger(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(int) || t == typeof(long));

    public void Update(IReadOnlyList<EntityEntry<T>> entries)
    {
        var changes = new List<Change>(entries.Count);
        foreach (var entry in entries)
        {
            var changed = 0UL;
            for (var column = 0; column < properties.Length; column++)
                if (entry.Property(properties[column]).IsModified) changed |= 1UL << column;
            if (changed == 0) continue;
            var originals = tokens.Length == 0 ? NoTokens : tokens.Select(token => entry.Property(token).OriginalValue is { } value
                ? (long?)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null).ToArray();
            changes.Add(new Change(entry.Entity, changed, originals));
        }
        Store(changes);
        foreach (var entry in entries) entry.State = EntityState.Unchanged;
    }

    public void Update(IReadOnlyList<UntrackedChange<T>> changes, ModelRows<T> originals) =>
        Store([.. changes.Where(c => c.Changed != 0).Select(c => new Change(c.Entity, c.Changed, tokens.Length == 0 ? NoTokens : [.. tokenColumns.Select(column =>
        {
            var value = c.OriginalRow * properties.Length + column;
            return originals.KindAt(value) == ModelRows<T>.Kind.Null ? (long?)null : originals.IntegerAt(value);
        })]))]);

    /// <summary>One row to store: the entity, its changed columns (a bit each) and its concurrency tokens as read.</summary>
    private readonly record struct Change(T Entity, ulong Changed, long?[] Tokens);

    private static readonly long?[] NoTokens = [];

    // The rows with the same changed columns together, a statement for up to MaxRowsPerStatement of them. Contacts whose
    // searched columns change are re-indexed around the statements, all at once (a failure leaves the transaction to roll back).
    private void Store(List<Change> changes)
    {
        var renamed = searchedColumns == 0 ? [] : changes.Where(c => (c.Changed & searchedColumns) != 0).Select(c => ((Contact)(object)c.Entity).Id).ToList();
        var reindex = renamed.Count > 0 ? SqliteSearchReindex.Begin(db, renamed) : null;
        StoreGroups(changes);
        reindex?.Finish();
    }

    private void StoreGroups(List<Change> changes)
    {
        foreach (var group in changes.GroupBy(c => c.Changed))
        {
            var rows = group.ToList();
            for (var at = 0; at < rows.Count;)
            {
                var count = StatementRows(rows.Count - at);
                StoreTogether(rows.GetRange(at, count), group.Key);
                at += count;
            }
        }
    }

    // Full statements, then the powers of two below for what is left: a handful of compiled statements per set of columns.
    private static int StatementRows(int left) => left >= MaxRowsPerStatement ? MaxRowsPerStatement : 1 << (31 - int.LeadingZeroCount(left));

    private void StoreTogether(List<Change> rows, ulong changed)
    {
        var statement = Statement(changed, rows.Count);
        row.Clear();
        foreach (var change in rows) row.Add(change.Entity);
        var parameter = 1;
        for (var r = 0; r < rows.Count; r++)
        {
            var first = r * properties.Length;
            for (var column = 0; column < properties.Length; column++)
                if ((changed & (1UL << column)) != 0) Check(ModelInsert<T>.Bind(statement, parameter++, row, first + column));
            foreach (var column in keyColumns)
                Check(ModelInsert<T>.Bind(statement, parameter++, row, first + column));
            foreach (var token in rows[r].Tokens)
                Check(token is { } value ? raw.sqlite3_bind_int64(statement, parameter++, value) : raw.sqlite3_bind_null(statement, parameter++));
        }
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, connection);
        if (raw.sqlite3_changes(connection) != rows.Count)
            throw new DbUpdateConcurrencyException($"A {typeof(T).Name} row changed or went away since it was read.");
    }

    // UPDATE … SET <changed> = v.columnN … FROM (VALUES (…), (…)) AS v WHERE <key> = v.columnN AND <tokens> = v.columnN: SQLite
    // walks the VALUES rows and finds each table row by its key.
    private sqlite3_stmt Statement(ulong changed, int rows)
    {
        if (statements.TryGetValue((changed, rows), out var statement)) return statement;
        var set = properties.Where((_, column) => (changed & (1UL << column)) != 0).ToList();
        var matched = keyColumns.Select(column => properties[column]).Concat(tokens).ToList();
        var table = row.Columns.Table;
        var assignments = set.Select((p, i) => $"\"{p.GetColumnName()}\" = v.column{i + 1}");
        var conditions = matched.Select((p, i) => $"\"{table}\".\"{p.GetColumnName()}\" {(p.IsNullable ? "IS" : "=")} v.column{set.Count + i + 1}");
        var values = "(" + string.Join(", ", Enumerable.Repeat("?", set.Count + matched.Count)) + ")";
        var sql = $"UPDATE \"{table}\" SET {string.Join(", ", assignments)} FROM (VALUES {string.Join(", ", Enumerable.Repeat(values, rows))}) AS v " +
                  $"WHERE {string.Join(" AND ", conditions)}";
        Check(raw.sqlite3_prepare_v2(connection, sql, out statement));
        statements[(changed, rows)] = statement;
        return statement;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, connection);
    }

    public void Dispose()
    {
        foreach (var statement in statements.Values) statement.Dispose();
        row.Release();
    }
}
