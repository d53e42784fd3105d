using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Profile.Identity;

/// <summary>Which of the found contacts' collections a batch of writes needs loaded (each is a query).</summary>
[Flags]
public enum ContactCollections { None = 0, CustomFieldValues = 1, Devices = 2, Subscriptions = 4 }

/// <summary>
/// The contacts a batch of writes names, read with one query per kind of identifier (tracked, so the writes
/// change them in place) and then kept up to date in memory as the batch creates and changes contacts. Each
/// write of the batch thus finds the same holders <see cref="IdentityResolver"/> would find in the store at that
/// point, without a query, and the same rules (<see cref="IdentityResolver.Decide"/>) decide. Use it inside the
/// write transaction, so nobody else changes the contacts meanwhile.
/// </summary>
public sealed class IdentityIndex
{
    private readonly Dictionary<string, Contact> byExternalId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Contact> byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Contact> byPhone = new(StringComparer.Ordinal);
    private readonly List<(ContactDevice Row, Contact Owner)> devices = [];
    private readonly Dictionary<Contact, (string? ExternalId, string? Email, string? Phone)> indexed = new(ReferenceEqualityComparer.Instance);

    // Contacts created by the batch have no id until it saves: until then the rules tell them apart by a key of
    // their own, below zero, which no stored contact has.
    private readonly Dictionary<Contact, long> unsavedKeys = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<long, Contact> byKey = [];
    private long lastUnsavedKey;

    private IdentityIndex() { }

    /// <summary>
    /// Reads the contacts holding any identifier of <paramref name="writes"/>, with the collections asked for. With
    /// <paramref name="readOnly"/> the caller promises not to change the contacts found, and they are read without
    /// tracking (no snapshot per contact, none for SaveChanges to compare), unless devices must be matched (their rows reach
    /// the contacts through the context's tracking). With <paramref name="untracked"/> the contacts and their collections are
    /// read without tracking whatever the writes do: the caller stores their changes itself. Not for writes that name or
    /// write devices.
    /// </summary>
    public static async Task<IdentityIndex> LoadAsync(AppDbContext db, IEnumerable<ContactIdentifiers> writes, ContactCollections collections,
        CancellationToken ct, bool readOnly = false, bool untracked = false)
    {
        var all = writes.ToList();
        var externalIds = all.Select(i => i.ExternalId).OfType<string>().Distinct().ToList();
        var emails = all.Select(i => i.Email).OfType<string>().Select(EmailRule.Key).Distinct().ToList();
        var phones = all.Select(i => i.Phone).OfType<string>().Distinct().ToList();
        var deviceIds = all.SelectMany(i => i.DeviceIdList).Where(id => id.Length > 0).Distinct().ToList();
        var tokens = all.SelectMany(i => i.PushTokenList).Where(t => t.Length > 0).Distinct().ToList();
        if (untracked && (deviceIds.Count + tokens.Count > 0 || collections.HasFlag(ContactCollections.Devices)))
            throw new ArgumentException("Contacts found or written by their devices are read with tracking.", nameof(untracked));

        var identifiers = StoreEngine.Of(db).Identifiers;
        var index = new IdentityIndex();
        var contacts = new List<Contact>();
        if (externalIds.Count + emails.Count + phones.Count > 0)
        {
            // One query for the three kinds, through the store's look-up (on SQLite the three unique indexes, OR-ed).
            var noTracking = untracked || (readOnly && collections == ContactCollections.None && deviceIds.Count + tokens.Count == 0);
            var holding = identifiers.Holding(db, externalIds, emails, phones);
            contacts.AddRange(await (noTracking ? holding.AsNoTracking() : holding).ToListAsync(ct));
        }
        var deviceRows = new List<ContactDevice>();
        if (deviceIds.Count + tokens.Count > 0)
        {
            deviceRows = await identifiers.DevicesNamed(db, deviceIds, tokens).ToListAsync(ct);
            var known = contacts.Select(c => c.Id).ToHashSet();
            var owners = deviceRows.Select(d => d.ContactId).Where(id => !known.Contains(id)).Distinct().ToList();
            if (owners.Count > 0) contacts.AddRange(await db.Contacts.Where(c => EF.Parameter(owners).Contains(c.Id)).ToListAsync(ct));
            // A write that names a device updates the contact's own rows, so it needs them all.
            collections |= ContactCollections.Devices;
        }

        var ids = contacts.Select(c => c.Id).ToList();
        if (ids.Count > 0 && untracked)
        {
            await LoadUntrackedAsync(db, contacts, ids, collections, ct);
        }
        else if (ids.Count > 0)
        {
            // Loading into the same context fills the tracked contacts' collections.
            if (collections.HasFlag(ContactCollections.CustomFieldValues))
                await db.CustomFieldValues.Where(v => EF.Parameter(ids).Contains(v.ContactId)).LoadAsync(ct);
            if (collections.HasFlag(ContactCollections.Devices))
                await db.ContactDevices.Where(d => EF.Parameter(ids).Contains(d.ContactId)).LoadAsync(ct);
            if (collections.HasFlag(ContactCollections.Subscriptions))
                await db.ContactSubscriptions.Where(s => EF.Parameter(ids).Contains(s.ContactId)).LoadAsync(ct);
        }

        foreach (var contact in contacts) index.IndexIdentifiers(contact);
        // Devices first as the store returned them, so matches come in the order the resolver's query gives.
        var byId = contacts.ToDictionary(c => c.Id);
        foreach (var row in deviceRows) index.devices.Add((row, byId[row.ContactId]));
        foreach (var contact in contacts) index.IndexDevices(contact);
        return index;
    }

    /// <summary>
    /// The collections of contacts read without tracking, put into their lists by hand (what the context's fix-up does for
    /// tracked ones), in the order the store returns them.
    /// </summary>
    private static async Task LoadUntrackedAsync(AppDbContext db, List<Contact> contacts, List<long> ids, ContactCollections collections, CancellationToken ct)
    {
        var byId = contacts.ToDictionary(c => c.Id);
        if (collections.HasFlag(ContactCollections.CustomFieldValues))
        {
            await foreach (var value in db.CustomFieldValues.AsNoTracking().Where(v => EF.Parameter(ids).Contains(v.ContactId)).AsAsyncEnumerable().WithCancellation(ct))
                byId[value.ContactId].CustomFieldValues.Add(value);
        }
        if (collections.HasFlag(ContactCollections.Subscriptions))
        {
            await foreach (var subscription in db.ContactSubscriptions.AsNoTracking().Where(s => EF.Parameter(ids).Contains(s.ContactId)).AsAsyncEnumerable().WithCancellation(ct))
                byId[subscription.ContactId].Subscriptions.Add(subscription);
        }
    }

    /// <summary>What the matching rules decide for <paramref name="identifiers"/> given the contacts as they are now.</summary>
    public Resolution Resolve(ContactIdentifiers identifiers)
    {
        var personal = new List<IdentifierMatch>(3);
        if (identifiers.ExternalId is { } externalId && byExternalId.TryGetValue(externalId, out var byId))
            personal.Add(Match(IdentifierKind.ExternalId, externalId, byId));
        if (identifiers.Email is { } email && byEmail.TryGetValue(EmailRule.Key(email), out var byMail))
            personal.Add(Match(IdentifierKind.Email, email, byMail));
        if (identifiers.Phone is { } phone && byPhone.TryGetValue(phone, out var byPhoneNumber))
            personal.Add(Match(IdentifierKind.Phone, phone, byPhoneNumber));

        var deviceMatches = new List<IdentifierMatch>();
        foreach (var id in identifiers.DeviceIdList.Where(id => id.Length > 0))
            deviceMatches.AddRange(devices.Where(d => d.Row.DeviceId == id).Select(d => Match(IdentifierKind.Device, id, d.Owner)));
        foreach (var token in identifiers.PushTokenList.Where(t => t.Length > 0))
            deviceMatches.AddRange(devices.Where(d => d.Row.PushToken == token).Select(d => Match(IdentifierKind.Device, IdentityResolver.ShortToken(token), d.Owner)));

        return IdentityResolver.Decide(identifiers, personal, deviceMatches);
    }

    /// <summary>True when a conflict names a contact the batch has not saved yet (so its id is not known).</summary>
    public static bool NamesUnsaved(Resolution.Conflict conflict) => conflict.Contacts.Any(c => c.ContactId <= 0);

    /// <summary>The contact a resolution found.</summary>
    public Contact ContactOf(long key) => byKey[key];

    /// <summary>After a write changed <paramref name="contact"/> (or created it): it is found by its identifiers and devices as they are now.</summary>
    public void Update(Contact contact)
    {
        IndexIdentifiers(contact);
        IndexDevices(contact);
    }

    private void IndexIdentifiers(Contact contact)
    {
        if (indexed.TryGetValue(contact, out var before))
        {
            Remove(byExternalId, before.ExternalId, contact);
            Remove(byEmail, before.Email, contact);
            Remove(byPhone, before.Phone, contact);
        }
        if (contact.ExternalId is { } externalId) byExternalId[externalId] = contact;
        if (contact.EmailNormalized is { } email) byEmail[email] = contact;
        if (contact.Phone is { } phone) byPhone[phone] = contact;
        indexed[contact] = (contact.ExternalId, contact.EmailNormalized, contact.Phone);
        byKey[KeyOf(contact)] = contact;
    }

    // A device row's id and token are read live from the row, so a write that re-keys a row needs nothing here;
    // rows it added are appended.
    private void IndexDevices(Contact contact)
    {
        foreach (var row in contact.Devices)
        {
            if (!devices.Exists(d => ReferenceEquals(d.Row, row))) devices.Add((row, contact));
        }
    }

    /// <summary>After the batch saved: created contacts are known by their ids from now on.</summary>
    public void Saved()
    {
        foreach (var contact in unsavedKeys.Keys.Where(c => c.Id > 0).ToList())
        {
            unsavedKeys.Remove(contact);
            byKey[contact.Id] = contact;
        }
    }

    private long KeyOf(Contact contact)
    {
        if (contact.Id > 0) return contact.Id;
        if (!unsavedKeys.TryGetValue(contact, out var key))
            unsavedKeys[contact] = key = --lastUnsavedKey;
        return key;
    }

    private IdentifierMatch Match(IdentifierKind kind, string value, Contact holder) => IdentityResolver.Match(
        kind, value, KeyOf(holder), holder.ExternalId, holder.EmailNormalized, holder.Phone, holder.FirstName, holder.LastName, holder.Email);

    private static void Remove(Dictionary<string, Contact> map, string? key, Contact contact)
    {
        if (key is not null && map.TryGetValue(key, out var holder) && ReferenceEquals(holder, contact)) map.Remove(key);
    }
}
