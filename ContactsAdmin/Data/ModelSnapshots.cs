namespace ContactsAdmin.Data;

/// <summary>
/// Entities read without tracking, each remembered as the store holds it (a row of <see cref="ModelRows{T}"/>, key
/// included), so that the columns a write changed since can be found by comparing the entity with that row: what EF's
/// change tracker does for tracked entities, without its per-entity entries, identity map and scans of every navigation.
/// </summary>
internal sealed class ModelSnapshots<T> where T : class
{
    private readonly ModelRows<T> originals;
    // The entity as it is now, encoded the same way, one at a time.
    private readonly ModelRows<T> current;
    private readonly Dictionary<T, int> rows = new(ReferenceEqualityComparer.Instance);

    public ModelSnapshots(Microsoft.EntityFrameworkCore.Metadata.IModel model)
    {
        originals = new ModelRows<T>(model, withKey: true);
        current = new ModelRows<T>(model, withKey: true);
        // A set of changed columns is a bit each in an ulong (ModelUpdate's statements are keyed by it).
        if (originals.Columns.Count > 64) throw new NotSupportedException($"{typeof(T).Name} has more than 64 columns.");
    }

    /// <summary>The remembered rows, in the columns of <see cref="ModelRows{T}"/> with the key (a concurrency token's original value is read here).</summary>
    public ModelRows<T> Originals => originals;

    /// <summary>Remembers <paramref name="entity"/> as it is now; false (and nothing done) when it is remembered already.</summary>
    public bool Remember(T entity)
    {
        if (!rows.TryAdd(entity, originals.Count)) return false;
        originals.Add(entity);
        return true;
    }

    /// <summary>The row <paramref name="entity"/> was remembered as, if it was.</summary>
    public bool TryGetRow(T entity, out int row) => rows.TryGetValue(entity, out row);

    /// <summary>The columns (a bit each, in the order of <see cref="ModelRows{T}.Columns"/>) whose values differ from row <paramref name="row"/>.</summary>
    public ulong Changed(T entity, int row)
    {
        current.Clear();
        current.Add(entity);
        var columns = originals.Columns.Count;
        var changed = 0UL;
        for (var column = 0; column < columns; column++)
            if (!originals.Same(row * columns + column, current, column)) changed |= 1UL << column;
        return changed;
    }

    /// <summary>Forgets every entity (after they were stored: what they hold now is what the store holds).</summary>
    public void Clear()
    {
        rows.Clear();
        originals.Release();
        current.Release();
    }
}
