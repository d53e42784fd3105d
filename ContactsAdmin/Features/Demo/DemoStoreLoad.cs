using System.Data.Common;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// The steps of a demo seed that differ by engine, around the rows themselves (which go through the engine's
/// <see cref="StoreEngine.BulkInsert{T}"/>): the connection the seed runs on, making the tables ready for a large load
/// and whole again afterwards, and the contact ids the seed gives out itself. One subclass per engine:
/// <see cref="SqliteDemoLoad"/>, <see cref="PostgreSqlDemoLoad"/>.
/// </summary>
internal abstract class DemoStoreLoad : IAsyncDisposable
{
    /// <summary>
    /// Opens <paramref name="db"/>'s connection for the seed, outside any transaction. <paramref name="fresh"/>: the
    /// contact tables are about to be emptied, so the load may treat them as empty.
    /// </summary>
    public static Task<DemoStoreLoad> OpenAsync(StoreEngine engine, AppDbContext db, bool fresh, CancellationToken ct) => engine.Provider switch
    {
        StoreProvider.PostgreSQL => PostgreSqlDemoLoad.OpenAsync(db, fresh, ct),
        _ => SqliteDemoLoad.OpenAsync(db, fresh, ct),
    };

    /// <summary>First thing in the seeding transaction: keeps other writers off the contacts and readies the tables for the load.</summary>
    public abstract Task BeginAsync(DbTransaction transaction, CancellationToken ct);

    /// <summary>After the eraser emptied <paramref name="tables"/>: their ids start again after the highest remaining one (1 on an emptied table).</summary>
    public abstract Task ResetIdCountersAsync(IReadOnlyList<string> tables, CancellationToken ct);

    /// <summary>The id the store would give the next contact; the seed gives its contacts the ids from there on.</summary>
    public abstract Task<long> NextContactIdAsync(CancellationToken ct);

    /// <summary>After the rows, still in the transaction: indexes and the search index whole again, and the store's id counters past the ids the seed gave.</summary>
    public abstract Task FinishAsync(IProgress<SeedProgress>? progress, CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}
