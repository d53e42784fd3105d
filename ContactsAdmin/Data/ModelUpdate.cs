using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace ContactsAdmin.Data;

/// <summary>
/// Stores the changes of modified, tracked entities of one type with compiled UPDATEs of the columns that changed (one
/// statement per set of changed columns, compiled once and run per row), on the context's connection and transaction,
/// then marks the entities saved. The values are the ones SaveChanges would store (<see cref="ModelRows{T}"/>, bound
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
    private readonly sqlite3 connection;
    private readonly ModelRows<T> row;
    // The entity type's properties in the order of the rows' columns, and where its key and concurrency tokens are.
    private readonly IProperty[] properties;
    private readonly int[] keyColumns;
    private readonly IProperty[] tokens;
    private readonly int[] tokenColumns;
    private readonly Dictionary<ulong, sqlite3_stmt> statements = [];

    private ModelUpdate(AppDbContext db, IEntityType entityType)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Update inside a transaction: the rows must commit with the rest of the write.");
        connection = ((SqliteConnection)db.Database.GetDbConnection()).Handle
            ?? throw new InvalidOperationException("The context's connection is not open.");
        row = new ModelRows<T>(db.Model, withKey: true);
        var byColumn = entityType.GetProperties().ToDictionary(p => p.GetColumnName());
        properties = [.. row.Columns.Names.Select(name => byColumn[name])];
        var key = entityType.FindPrimaryKey()!.Properties;
        keyColumns = [.. key.Select(p => Array.IndexOf(properties, p))];
        tokens = [.. entityType.GetProperties().Where(p => p.IsConcurrencyToken)];
        tokenColumns = [.. tokens.Select(p => Array.IndexOf(properties, p))];
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
        foreach (var entry in entries)
        {
            var changed = 0UL;
            for (var column = 0; column < properties.Length; column++)
                if (entry.Property(properties[column]).IsModified) changed |= 1UL << column;
            if (changed != 0)
            {
                var (statement, parameter) = BindChanged(entry.Entity, changed);
                foreach (var token in tokens)
                {
                    var original = entry.Property(token).OriginalValue;
                    Check(original is null ? raw.sqlite3_bind_null(statement, parameter++) : raw.sqlite3_bind_int64(statement, parameter++, Convert.ToInt64(original, System.Globalization.CultureInfo.InvariantCulture)));
                }
                Run(statement);
            }
            entry.State = EntityState.Unchanged;
        }
    }

    public void Update(T entity, ulong changed, ModelRows<T> originals, int originalRow)
    {
        if (changed == 0) return;
        var (statement, parameter) = BindChanged(entity, changed);
        foreach (var column in tokenColumns)
        {
            var value = originalRow * properties.Length + column;
            Check(originals.KindAt(value) == ModelRows<T>.Kind.Null
                ? raw.sqlite3_bind_null(statement, parameter++)
                : raw.sqlite3_bind_int64(statement, parameter++, originals.IntegerAt(value)));
        }
        Run(statement);
    }

    // The statement for the changed columns with their values and the key bound; the concurrency tokens' parameters follow.
    private (sqlite3_stmt Statement, int NextParameter) BindChanged(T entity, ulong changed)
    {
        var statement = Statement(changed);
        row.Clear();
        row.Add(entity);
        var parameter = 1;
        for (var column = 0; column < properties.Length; column++)
            if ((changed & (1UL << column)) != 0) Check(ModelInsert<T>.Bind(statement, parameter++, row, column));
        foreach (var column in keyColumns)
            Check(ModelInsert<T>.Bind(statement, parameter++, row, column));
        return (statement, parameter);
    }

    private void Run(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, connection);
        if (raw.sqlite3_changes(connection) != 1)
            throw new DbUpdateConcurrencyException($"A {typeof(T).Name} row changed or went away since it was read.");
    }

    private sqlite3_stmt Statement(ulong changed)
    {
        if (statements.TryGetValue(changed, out var statement)) return statement;
        var set = properties.Where((_, column) => (changed & (1UL << column)) != 0).Select(p => $"\"{p.GetColumnName()}\" = ?");
        var where = keyColumns.Select(column => properties[column]).Concat(tokens)
            .Select(p => p.IsNullable ? $"\"{p.GetColumnName()}\" IS ?" : $"\"{p.GetColumnName()}\" = ?");
        var sql = $"UPDATE \"{row.Columns.Table}\" SET {string.Join(", ", set)} WHERE {string.Join(" AND ", where)}";
        Check(raw.sqlite3_prepare_v2(connection, sql, out statement));
        statements[changed] = statement;
        return statement;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, connection);
    }

    public void Dispose()
    {
        foreach (var statement in statements.Values) statement.Dispose();
    }
}
