namespace ContactsAdmin.Data.Sqlite;

/// <summary>
/// SQLite keeps no look-up tables: its unique indexes on Contacts find a contact by an identifier and refuse a second
/// holder, and a second B-tree per identifier would slow every import. Nothing to keep in step.
/// </summary>
internal sealed class SqliteIdentifierStore : ContactIdentifierStore
{
    public override bool KeepsLookups => false;

    public override Task<List<IdentifierKey>> HeldAsync(AppDbContext db, IReadOnlyCollection<long> contactIds, CancellationToken ct) =>
        Task.FromResult(new List<IdentifierKey>());

    public override Task MoveAsync(AppDbContext db, IReadOnlyCollection<IdentifierKey> released, IReadOnlyCollection<IdentifierKey> claimed, CancellationToken ct) =>
        Task.CompletedTask;

    public override Task ForgetAllAsync(AppDbContext db, CancellationToken ct) => Task.CompletedTask;

    public override Task IndexLoadedAsync(AppDbContext db, long fromId, CancellationToken ct) => Task.CompletedTask;
}
