using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data;

/// <summary>The kinds of identifier a look-up table finds a contact by (docs/scale-out.md, "What had to change", items 1 and 3).</summary>
public enum ContactIdentifier { ExternalId, Email, Phone, DeviceId, PushToken }

/// <summary>
/// One identifier as a contact holds it: <see cref="Contact.ExternalId"/>, <see cref="Contact.EmailNormalized"/> (never the
/// address as typed), <see cref="Contact.Phone"/>, a <see cref="ContactDevice.DeviceId"/> (never "") or a
/// <see cref="ContactDevice.PushToken"/>.
/// </summary>
public readonly record struct IdentifierKey(ContactIdentifier Kind, string Value, long ContactId)
{
    /// <summary>The keys a contact's own columns hold (its devices' ids aside): the one place that says which column is which kind.</summary>
    public static IEnumerable<IdentifierKey> OfContact(long contactId, string? externalId, string? emailNormalized, string? phone)
    {
        if (externalId is not null) yield return new(ContactIdentifier.ExternalId, externalId, contactId);
        if (emailNormalized is not null) yield return new(ContactIdentifier.Email, emailNormalized, contactId);
        if (phone is not null) yield return new(ContactIdentifier.Phone, phone, contactId);
    }

    /// <summary>The keys one device row holds: its id unless "" (a device without one), its push token unless null.</summary>
    public static IEnumerable<IdentifierKey> OfDevice(long contactId, string deviceId, string? pushToken)
    {
        if (deviceId.Length > 0) yield return new(ContactIdentifier.DeviceId, deviceId, contactId);
        if (pushToken is not null) yield return new(ContactIdentifier.PushToken, pushToken, contactId);
    }
}

/// <summary>
/// Keeps the identifier look-up tables in step with the contacts, where the engine has them (PostgreSQL:
/// <see cref="PostgreSql.PostgreSqlIdentifierStore"/>; SQLite has none, its unique indexes on Contacts are the look-up,
/// so <see cref="Sqlite.SqliteIdentifierStore"/> does nothing and costs nothing). Tracked saves reach it by themselves
/// (PostgreSqlAppDbContext.SaveChangesAsync); a write the change tracker does not see (a bulk insert, an ExecuteDelete,
/// an ExecuteUpdate of ContactDevices) calls it in its own transaction.
/// </summary>
public abstract class ContactIdentifierStore
{
    /// <summary>Whether writes must report identifier changes: false where there are no look-up tables (callers skip collecting them).</summary>
    public abstract bool KeepsLookups { get; }

    /// <summary>
    /// The identifiers <paramref name="contactIds"/> hold now in Contacts and ContactDevices, read before a write the
    /// tracker does not see takes them away (a delete, a merge); empty where nothing keeps look-ups.
    /// </summary>
    public abstract Task<List<IdentifierKey>> HeldAsync(AppDbContext db, IReadOnlyCollection<long> contactIds, CancellationToken ct);

    /// <summary>
    /// Releases <paramref name="released"/>, then claims <paramref name="claimed"/>, in the context's transaction. A key held by
    /// another contact throws a <see cref="Microsoft.EntityFrameworkCore.DbUpdateException"/> around
    /// <see cref="StoreIdentifierTakenException"/>, which <see cref="StoreUniqueViolation"/> recognises as the unique indexes'
    /// refusals. A device id may name several contacts: its pair is never refused, and is released only when the contact
    /// has no device row of that id left.
    /// </summary>
    public abstract Task MoveAsync(AppDbContext db, IReadOnlyCollection<IdentifierKey> released, IReadOnlyCollection<IdentifierKey> claimed, CancellationToken ct);

    /// <summary>
    /// The contacts holding any of these External IDs, normalized addresses (<see cref="Contact.EmailNormalized"/>) or E.164
    /// phones, as a query to go on with (a projection, with tracking or without). Every look-up of a contact by an
    /// identifier starts here: SQLite reads the unique indexes on Contacts (one query, the three indexes OR-ed), PostgreSQL
    /// its look-up tables, which on Citus ask the one shard holding each key, then the contacts by id.
    /// </summary>
    public abstract IQueryable<Contact> Holding(AppDbContext db, List<string> externalIds, List<string> emails, List<string> phones);

    /// <summary>The contacts holding one identifier.</summary>
    public IQueryable<Contact> Holding(AppDbContext db, ContactIdentifier kind, string value) => kind switch
    {
        ContactIdentifier.ExternalId => Holding(db, [value], [], []),
        ContactIdentifier.Email => Holding(db, [], [value], []),
        ContactIdentifier.Phone => Holding(db, [], [], [value]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Devices are found with DevicesNamed."),
    };

    /// <summary>
    /// The device rows with one of these device ids (never "") or push tokens. PostgreSQL finds their contacts in its
    /// look-up tables first.
    /// </summary>
    public abstract IQueryable<ContactDevice> DevicesNamed(AppDbContext db, List<string> deviceIds, List<string> pushTokens);

    /// <summary>
    /// Deletes a contact (its devices, values, subscriptions, activities and the rest go by the store's cascade) and
    /// releases the identifiers and event keys it held, in the caller's transaction: the one way a delete or an erasure removes a contact.
    /// </summary>
    public async Task DeleteContactAsync(AppDbContext db, long contactId, CancellationToken ct)
    {
        var held = await HeldAsync(db, [contactId], ct);
        await StoreEngine.Of(db).EventKeys.ReleaseContactAsync(db, contactId, ct);
        await ContactReferences.DropAsync(db, contactId, ct);
        await db.Contacts.Where(c => c.Id == contactId).ExecuteDeleteAsync(ct);
        await MoveAsync(db, held, [], ct);
    }

    /// <summary>Every look-up row gone, after every contact was deleted (the demo's fresh seed).</summary>
    public abstract Task ForgetAllAsync(AppDbContext db, CancellationToken ct);

    /// <summary>The look-up rows of the contacts with ids from <paramref name="fromId"/> on, from their columns, after a bulk load wrote them.</summary>
    public abstract Task IndexLoadedAsync(AppDbContext db, long fromId, CancellationToken ct);
}
