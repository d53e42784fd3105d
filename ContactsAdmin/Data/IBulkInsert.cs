namespace ContactsAdmin.Data;

/// <summary>
/// Writes many rows of one entity type, made beforehand as <see cref="ModelRows{T}"/>, on a context's connection and
/// inside its transaction, each engine by its own fastest path (<see cref="StoreEngine.BulkInsert{T}"/>): SQLite's
/// compiled multi-row INSERTs (<see cref="ModelInsert{T}"/>), PostgreSQL's binary COPY
/// (<see cref="PostgreSql.PostgreSqlBulkCopy{T}"/>).
/// </summary>
internal interface IBulkInsert<T> : IDisposable where T : class
{
    /// <summary>Inserts the rows in their order; ids the store gives follow that order. A refused row throws, leaving the transaction to roll back.</summary>
    void Insert(ModelRows<T> made);

    /// <summary>
    /// Inserts the entities in their order and returns the ids the store gave them, in that order (the entities' own
    /// key is not set). A refused row throws, leaving the transaction to roll back.
    /// </summary>
    long[] InsertReturningIds(IReadOnlyCollection<T> entities);
}

/// <summary>Entities written in bulk through the context's engine, for writers that make and insert them in one go.</summary>
internal static class BulkInsert
{
    /// <summary>Inserts <paramref name="entities"/>, untracked, by the engine's bulk path (nothing when there are none).</summary>
    public static void Entities<T>(AppDbContext db, IEnumerable<T> entities) where T : class
    {
        var rows = new ModelRows<T>(db.Model);
        try
        {
            foreach (var entity in entities) rows.Add(entity);
            if (rows.Count == 0) return;
            using var insert = StoreEngine.Of(db).BulkInsert<T>(db);
            insert.Insert(rows);
        }
        finally
        {
            rows.Release();
        }
    }

    /// <summary>Inserts <paramref name="entities"/>, untracked, and gives each the id the store gave it.</summary>
    public static void EntitiesWithIds<T>(AppDbContext db, IReadOnlyList<T> entities, Action<T, long> setId) where T : class
    {
        if (entities.Count == 0) return;
        using var insert = StoreEngine.Of(db).BulkInsert<T>(db);
        var ids = insert.InsertReturningIds(entities);
        for (var i = 0; i < entities.Count; i++) setId(entities[i], ids[i]);
    }
}
