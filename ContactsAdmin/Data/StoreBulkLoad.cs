using System.Data.Common;
namespace ContactsAdmin.Data;

/// <summary>
/// The steps of a large load (the demo seed) that differ by engine, around the rows themselves (which go through the
/// engine's <see cref="StoreEngine.BulkInsert{T}"/>): the connection the load runs on, making the filled tables ready
/// for many rows and whole again afterwards, and the contact ids the load gives out itself. Opened by
/// <see cref="StoreEngine.OpenBulkLoadAsync"/>; one subclass per engine (<see cref="Sqlite.SqliteBulkLoad"/>,
/// <see cref="PostgreSql.PostgreSqlBulkLoad"/>).
/// </summary>
internal abstract class StoreBulkLoad : IAsyncDisposable
{
    /// <summary>First thing in the seeding transaction: keeps other writers off the contacts and readies the tables for the load.</summary>
    public abstract Task BeginAsync(DbTransaction transaction, CancellationToken ct);

    /// <summary>After the eraser emptied <paramref name="tables"/>: their ids start again after the highest remaining one (1 on an emptied table).</summary>
    public abstract Task ResetIdCountersAsync(IReadOnlyList<string> tables, CancellationToken ct);

    /// <summary>The id the store would give the next contact; the seed gives its contacts the ids from there on.</summary>
    public abstract Task<long> NextContactIdAsync(CancellationToken ct);

    /// <summary>After the rows, still in the transaction: indexes and the search index whole again, and the store's id counters past the ids the seed gave.</summary>
    public abstract Task FinishAsync(IProgress<StageProgress>? progress, CancellationToken ct);

    /// <summary>After the commit: upkeep the engine can only do outside a transaction, so the first queries on the loaded rows are as fast as later ones.</summary>
    public virtual Task SettleAsync(IProgress<StageProgress>? progress, CancellationToken ct) => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();
}
