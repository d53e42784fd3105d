using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ContactsAdmin.Data;

/// <summary>
/// Stores the changes of many modified, tracked entities of one type on a context's connection and inside its transaction,
/// by an engine's own path (<see cref="StoreEngine.BulkUpdate{T}"/>), and marks them saved so SaveChanges passes them over.
/// A row that changed since it was read throws <see cref="Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException"/>,
/// a refused one the engine's error, leaving the transaction to roll back.
/// </summary>
internal interface IBulkUpdate<T> : IDisposable where T : class
{
    void Update(IReadOnlyList<EntityEntry<T>> entries);

    /// <summary>
    /// Stores the changed columns of entities the caller read without tracking and compared itself
    /// (<see cref="ModelSnapshots{T}"/>); each one's concurrency tokens must still hold their values in its row of
    /// <paramref name="originals"/>.
    /// </summary>
    void Update(IReadOnlyList<UntrackedChange<T>> changes, ModelRows<T> originals);
}

/// <summary>
/// An untracked entity's change: its <paramref name="Changed"/> columns (a bit each, in the order of
/// <see cref="ModelRows{T}"/>'s columns with the key) and the row of the originals it was read as.
/// </summary>
internal readonly record struct UntrackedChange<T>(T Entity, ulong Changed, int OriginalRow) where T : class;
