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
}
