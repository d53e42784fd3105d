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
    /// Stores the <paramref name="changed"/> columns (a bit each, in the order of <see cref="ModelRows{T}"/>'s columns with the
    /// key) of an entity the caller read without tracking and compared itself (<see cref="ModelSnapshots{T}"/>); its concurrency
    /// tokens must still hold their values in row <paramref name="originalRow"/> of <paramref name="originals"/>.
    /// </summary>
    void Update(T entity, ulong changed, ModelRows<T> originals, int originalRow);
}
