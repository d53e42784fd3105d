using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data;

/// <summary>
/// Moves a contact's rows of one contact-owned table (its devices, activities, change history) to another contact,
/// keeping each row's id, in the caller's transaction: what a merge and its undo do. SQLite updates their ContactId in
/// place (<see cref="Sqlite.SqliteStoreEngine"/>); PostgreSQL inserts them again under the other contact and deletes
/// the old ones (<see cref="PostgreSql.PostgreSqlContactRowMover"/>), because Citus cannot update a distribution column
/// (docs/scale-out.md item 5): there ContactId is part of the key, and the row belongs on another shard.
/// </summary>
public abstract class ContactRowMover
{
    /// <summary>
    /// Moves <paramref name="fromId"/>'s rows of <typeparamref name="T"/> to <paramref name="toId"/>: all of them, or only
    /// those with one of <paramref name="ids"/>. Returns how many moved.
    /// </summary>
    public abstract Task<int> MoveAsync<T>(AppDbContext db, long fromId, long toId, IReadOnlyCollection<long>? ids, CancellationToken ct) where T : class;

    /// <summary>The table of <typeparamref name="T"/> and its columns, from the model: the one place the SQL below names them.</summary>
    protected static (string Table, IReadOnlyList<string> Columns) TableOf<T>(AppDbContext db) where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var columns = entityType.GetProperties().Select(p => p.GetColumnName()).ToList();
        if (!columns.Contains(OwnerColumn) || !columns.Contains(IdColumn))
            throw new InvalidOperationException($"{typeof(T).Name} is not a contact's own row with an id of its own.");
        return (entityType.GetTableName()!, columns);
    }

    protected const string OwnerColumn = "ContactId";
    protected const string IdColumn = "Id";
}
