using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.Sqlite;

/// <summary>
/// SQLite keeps no look-up tables: its unique indexes on Contacts find a contact by an identifier and refuse a second
/// holder, and a second B-tree per identifier would slow every import. Nothing to keep in step; look-ups read Contacts.
/// </summary>
internal sealed class SqliteIdentifierStore : ContactIdentifierStore
{
    public override bool KeepsLookups => false;

    public override IQueryable<Contact> Holding(AppDbContext db, List<string> externalIds, List<string> emails, List<string> phones) =>
        // EF.Parameter sends each list as one JSON array (json_each unpacks it): by default EF 10 sends a parameter per
        // value, and binding thousands of named parameters costs time in the square of their number.
        db.Contacts.Where(c => EF.Parameter(externalIds).Contains(c.ExternalId!) || EF.Parameter(emails).Contains(c.EmailNormalized!)
            || EF.Parameter(phones).Contains(c.Phone!));

    public override IQueryable<ContactDevice> DevicesNamed(AppDbContext db, List<string> deviceIds, List<string> pushTokens) =>
        db.ContactDevices.Where(d => EF.Parameter(deviceIds).Contains(d.DeviceId) || (d.PushToken != null && EF.Parameter(pushTokens).Contains(d.PushToken)));

    public override Task<List<IdentifierKey>> HeldAsync(AppDbContext db, IReadOnlyCollection<long> contactIds, CancellationToken ct) =>
        Task.FromResult(new List<IdentifierKey>());

    public override Task MoveAsync(AppDbContext db, IReadOnlyCollection<IdentifierKey> released, IReadOnlyCollection<IdentifierKey> claimed, CancellationToken ct) =>
        Task.CompletedTask;

    public override Task ForgetAllAsync(AppDbContext db, CancellationToken ct) => Task.CompletedTask;

    public override Task IndexLoadedAsync(AppDbContext db, long fromId, CancellationToken ct) => Task.CompletedTask;
}
