using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Ingest;

/// <summary>What one write of a <see cref="ContactBatch"/> did. The contact's id is known once the batch saved.</summary>
public abstract record BatchWrite
{
    /// <param name="Changed">Whether the write changed anything (a new contact always does): an import counts the rest as unchanged.</param>
    public sealed record Written(Contact Contact, bool Created, bool Changed = true) : BatchWrite;

    /// <summary>The identifiers name different people; nothing was written.</summary>
    public sealed record Refused(Resolution.Conflict Conflict) : BatchWrite;

    /// <summary>
    /// The write shows anonymous contacts to be this person: merging moves rows in the store, which a batch
    /// does not do in memory. Nothing was written; write this one with <see cref="ContactUpserter"/>.
    /// </summary>
    public sealed record NeedsMerge : BatchWrite;
}

/// <summary>
/// Writes many change sets in the caller's context and transaction with a query per kind of identifier for all
/// of them (<see cref="IdentityIndex"/>) instead of several per write, and one save for all: each write makes
/// the same changes, audit entries, "last edit" and email status as <see cref="ContactUpserter"/> makes, in the order
/// given, so a later write finds the contacts an earlier one created or changed.
/// </summary>
public sealed class ContactBatch
{
    private static readonly ILookup<string, EmailEvent> NoLogs = Array.Empty<EmailEvent>().ToLookup(e => e.Address);

    private readonly AppDbContext db;
    private readonly IdentityIndex index;
    private readonly ILookup<string, EmailEvent> emailLogs;
    private readonly IReadOnlyList<string> addresses;
    private readonly IReadOnlyList<string> phones;
    private SuppressionLookup? suppressions;
    // New contacts not in the store yet, in the order they were created.
    private readonly List<Contact> created = [];
    // The batch's new contacts the context does not track (all of them until one is written again after it was saved):
    // the batch inserts them and their rows itself, so EF never scans or fixes up their graphs.
    private readonly HashSet<Contact> untracked = new(ReferenceEqualityComparer.Instance);
    private bool unsaved;
    // The audit entries to insert at the next save, in the order of the writes; a new contact's one entry is its
    // CreationAudit, made into text when it is inserted.
    private readonly List<(Contact Contact, WriteContext Context, string Field, string? From, string? To, CreationAudit? Creation)> audit = [];
    // The creation of the last write, if it created a contact not saved yet: a write completing it adds to its entry.
    private (Contact Contact, CreationAudit Entry)? lastCreation;

    private readonly bool createOnly;
    // The found contacts' changes when they were read without tracking; null when the context tracks them.
    private readonly UntrackedContactChanges? foundChanges;

    private ContactBatch(AppDbContext db, IdentityIndex index, ILookup<string, EmailEvent> emailLogs,
        IReadOnlyList<string> addresses, IReadOnlyList<string> phones, bool createOnly, UntrackedContactChanges? foundChanges) =>
        (this.db, this.index, this.emailLogs, this.addresses, this.phones, this.createOnly, this.foundChanges) =
        (db, index, emailLogs, addresses, phones, createOnly, foundChanges);

    /// <summary>
    /// Reads what the writes need: the contacts their identifiers name and the email logs of the addresses they set.
    /// <paramref name="createOnly"/>: the batch only creates contacts (events: a known contact is only named), so the
    /// contacts found are read without tracking; <see cref="WriteAsync"/> then refuses to change one. On an engine that
    /// stores changed columns itself (<see cref="StoreEngine.HasBulkUpdate"/>) the found contacts are read without
    /// tracking too, unless a write names or writes devices, and the batch finds and stores their changes itself
    /// (<see cref="UntrackedContactChanges"/>).
    /// </summary>
    public static async Task<ContactBatch> LoadAsync(AppDbContext db, IReadOnlyCollection<ContactChangeSet> sets, CancellationToken ct, bool createOnly = false)
    {
        var collections = ContactCollections.None;
        if (sets.Any(s => s.Fields.Keys.Any(key => key.IsCustom))) collections |= ContactCollections.CustomFieldValues;
        if (sets.Any(s => s.Devices.Count > 0)) collections |= ContactCollections.Devices;
        if (sets.Any(s => s.SubscribeTo.Count > 0)) collections |= ContactCollections.Subscriptions;
        var untracked = !createOnly && StoreEngine.Of(db).HasBulkUpdate && !sets.Any(NamesDevices);
        var index = await IdentityIndex.LoadAsync(db, sets.Select(s => s.Identifiers), collections, ct, readOnly: createOnly, untracked: untracked);

        // An email change re-derives the status from the new address's log (usually empty).
        var addresses = sets.Select(s => s.Fields.GetValueOrDefault(ProfileFields.Email)).OfType<string>().Select(EmailRule.Key).Distinct().ToList();
        var logs = addresses.Count == 0
            ? NoLogs
            : (await db.EmailEvents.AsNoTracking().Where(e => EF.Parameter(addresses).Contains(e.Address)).ToListAsync(ct)).ToLookup(e => e.Address);
        var phones = sets.Select(s => s.Fields.GetValueOrDefault(ProfileFields.Phone)).OfType<string>().Distinct().ToList();
        return new ContactBatch(db, index, logs, addresses, phones, createOnly, untracked ? new UntrackedContactChanges(db) : null);
    }

    // Device rows reach their contacts through the context's tracking (IdentityIndex), so such batches track.
    private static bool NamesDevices(ContactChangeSet set) =>
        set.Devices.Count > 0 || set.Identifiers.DeviceIdList.Any(id => id.Length > 0) || set.Identifiers.PushTokenList.Any(t => t.Length > 0);

    /// <summary>Which contact the identifiers name now, counting the batch's writes so far.</summary>
    public async Task<Resolution> ResolveAsync(ContactIdentifiers identifiers, CancellationToken ct)
    {
        var resolution = index.Resolve(identifiers);
        if (resolution is Resolution.Conflict conflict && IdentityIndex.NamesUnsaved(conflict))
        {
            // The answer names the contacts by id, as a write one at a time would: save, then decide again.
            await SaveAsync(ct);
            resolution = index.Resolve(identifiers);
        }
        return resolution;
    }

    /// <summary>The contact a <see cref="Resolution.Found"/> of <see cref="ResolveAsync"/> names.</summary>
    public Contact ContactOf(Resolution.Found found) => index.ContactOf(found.ContactId);

    /// <summary>Creates or updates one contact in memory; <see cref="SaveAsync"/> writes it.</summary>
    /// <param name="completesPrevious">
    /// The write is the rest of the write before it (an import row's subscriptions, which depend on the status that write
    /// gave the address): when that one created the contact, its changes join the creation's one audit entry.
    /// </param>
    public async Task<BatchWrite> WriteAsync(ContactChangeSet set, WriteContext context, CancellationToken ct, bool completesPrevious = false)
    {
        // An anonymous write must not learn of, or take, other contacts' identifiers: ContactUpserter checks them one by one.
        if (set.Trust == WriteTrust.Anonymous) throw new ArgumentException("Anonymous writes go through ContactUpserter.", nameof(set));
        if (foundChanges is not null && NamesDevices(set)) throw new ArgumentException("The batch was read for writes without devices.", nameof(set));
        var resolution = await ResolveAsync(set.Identifiers, ct);
        switch (resolution)
        {
            case Resolution.Conflict conflict: return new BatchWrite.Refused(conflict);
            case Resolution.Found { AnonymousToMerge.Count: > 0 }: return new BatchWrite.NeedsMerge();
        }

        var isNew = resolution is Resolution.NotFound;
        Contact contact;
        if (isNew)
        {
            contact = ContactUpserter.New(context);
            created.Add(contact);
            untracked.Add(contact);
        }
        else
        {
            contact = ContactOf((Resolution.Found)resolution);
            if (untracked.Contains(contact)) await TrackAgainAsync(contact, set, ct);
            else if (foundChanges is not null) foundChanges.Remember(contact);
            else if (createOnly && db.Entry(contact).State == EntityState.Detached)
                throw new InvalidOperationException("A create-only batch read the contacts it found without tracking: changes to them would be lost.");
        }
        var change = await ContactUpserter.ChangeAsync(db, contact, set, context, async changed =>
            await ContactChanges.RefreshEmailStatusAsync(db, changed, context.EmailRules, await SuppressionsAsync(context, ct), emailLogs, ct));
        var lines = ContactUpserter.Finish(contact, isNew, change, context);
        AddAudit(contact, context, isNew, completesPrevious, lines);
        index.Update(contact);
        unsaved = true;
        return new BatchWrite.Written(contact, isNew, lines.Count > 0);
    }

    /// <summary>
    /// A contact the batch creates gets one audit entry (<see cref="CreationAudit"/>), as one the API creates does; a write
    /// that completes the one before it (<paramref name="completesPrevious"/>) adds its changes to that entry. Other writes
    /// get an entry per changed field.
    /// </summary>
    private void AddAudit(Contact contact, WriteContext context, bool isNew, bool completesPrevious, List<(string Field, string? From, string? To)> lines)
    {
        if (isNew)
        {
            var creation = new CreationAudit(lines);
            audit.Add((contact, context, CreationAudit.Field, null, null, creation));
            lastCreation = (contact, creation);
            return;
        }
        var previous = lastCreation;
        lastCreation = null;
        if (completesPrevious && previous is var (created, entry) && ReferenceEquals(created, contact))
        {
            entry.Add(lines);
            return;
        }
        foreach (var (field, from, to) in lines) audit.Add((contact, context, field, from, to, null));
    }

    /// <summary>
    /// Before a second write to a contact the batch created without tracking. Unsaved, its objects are what the batch will
    /// insert, so changing them is enough, unless the write clears one of its custom fields: removing a value is a
    /// delete in the context, so the contact is saved first. Saved, it is attached as it is in the store (its own rows
    /// with it), or remembered as it is when the batch stores its found contacts' changes itself, and from then on
    /// changes like any contact the batch found.
    /// </summary>
    private async Task TrackAgainAsync(Contact contact, ContactChangeSet set, CancellationToken ct)
    {
        if (contact.Id == 0 && set.Fields.Any(f => f.Value is null && f.Key.CustomFieldId is { } field && contact.CustomFieldValues.Any(v => v.FieldId == field)))
            await SaveAsync(ct);
        if (contact.Id == 0) return;
        untracked.Remove(contact);
        if (foundChanges is not null) foundChanges.Remember(contact);
        else db.Contacts.Attach(contact);
    }

    /// <summary>
    /// Erased contacts' suppressions of the batch's addresses and phones, read with a query per kind when the first write
    /// sets an address (most batches of known contacts never do).
    /// </summary>
    private async Task<SuppressionLookup> SuppressionsAsync(WriteContext context, CancellationToken ct)
    {
        if (suppressions is not null) return suppressions;
        suppressions = new SuppressionLookup(db, context.Suppressions);
        await suppressions.PreloadAsync(addresses, phones, ct);
        return suppressions;
    }

    /// <summary>
    /// Saves the writes so far: new contacts with one INSERT, in the order they were created (so their ids follow the
    /// request's order, as when written one by one), and their rows (field values, subscriptions, devices) the same way,
    /// none of them tracked; then the found contacts' new field values and subscriptions the same way, and their changes
    /// (the contacts, their changed values and subscriptions) with the engine's prepared UPDATEs where it has them, then
    /// with SaveChanges what else changed (removed values, devices), then the audit entries, again with one INSERT.
    /// </summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        if (!unsaved) return;   // e.g. a group of events about known contacts: nothing to write
        unsaved = false;
        // One scan of the tracked graph for the writes so far (the rows they added to collections): left on, EF would scan
        // it again at each entry below, at ChangeTracker.Entries and at SaveChanges, a third of the batch's time, while
        // everything this method changes goes through entries, which the tracker sees without a scan.
        db.ChangeTracker.DetectChanges();
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await SaveDetectedAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private async Task SaveDetectedAsync(CancellationToken ct)
    {
        if (created.Count > 0)
        {
            InsertCreated();
            await ClaimCreatedAsync(ct);
            created.Clear();
        }
        foundChanges?.Save();
        InsertAdded<CustomFieldValue>();
        InsertAdded<ContactSubscription>();
        UpdateModified<Contact>();
        UpdateModified<CustomFieldValue>();
        UpdateModified<ContactSubscription>();
        await db.SaveChangesAsync(ct);
        index.Saved();
        lastCreation = null;
        if (audit.Count == 0) return;
        BulkInsert.Entities(db, audit.Select(a => ContactChanges.Audit(a.Contact.Id, a.Context.Now, a.Context.Actor.Name, a.Context.Actor.Source,
            a.Field, a.From, a.Creation?.Text() ?? a.To)));
        audit.Clear();
    }

    /// <summary>
    /// The new contacts, then their rows with the contacts' ids, as SaveChanges would have stored the tracked graph (the
    /// same columns and values, <see cref="ModelRows{T}"/>), without tracking any of it, by the engine's bulk path.
    /// </summary>
    private void InsertCreated()
    {
        BulkInsert.EntitiesWithIds(db, created, (contact, id) => contact.Id = id);
        foreach (var contact in created)
        {
            foreach (var value in contact.CustomFieldValues) value.ContactId = contact.Id;
            foreach (var subscription in contact.Subscriptions) subscription.ContactId = contact.Id;
            foreach (var device in contact.Devices) device.ContactId = contact.Id;
        }
        BulkInsert.Entities(db, created.SelectMany(c => c.CustomFieldValues));
        BulkInsert.Entities(db, created.SelectMany(c => c.Subscriptions));
        // Their ids too: the identity index reads a device row as it is, and a later write may find the contact by it.
        BulkInsert.EntitiesWithIds(db, [.. created.SelectMany(c => c.Devices)], (device, id) => device.Id = id);
    }

    /// <summary>
    /// The new contacts' identifiers and device ids in the engine's look-up tables (PostgreSQL's), one statement per table
    /// for the whole batch: the bulk insert is not a tracked save, so the context's own hook does not see it.
    /// </summary>
    private async Task ClaimCreatedAsync(CancellationToken ct)
    {
        var identifiers = StoreEngine.Of(db).Identifiers;
        if (!identifiers.KeepsLookups) return;
        var claimed = new List<IdentifierKey>();
        foreach (var contact in created)
        {
            claimed.AddRange(IdentifierKey.OfContact(contact.Id, contact.ExternalId, contact.EmailNormalized, contact.Phone));
            claimed.AddRange(contact.Devices.SelectMany(d => IdentifierKey.OfDevice(contact.Id, d.DeviceId, d.PushToken)));
        }
        await identifiers.MoveAsync(db, [], claimed, ct);
    }

    /// <summary>
    /// The modified rows of <typeparamref name="T"/> (found contacts, their changed values and subscriptions) by the engine's
    /// bulk path when it has one (<see cref="StoreEngine.BulkUpdate{T}"/>), which marks them saved; else SaveChanges stores them.
    /// </summary>
    private void UpdateModified<T>() where T : class
    {
        var modified = db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Modified).ToList();
        if (modified.Count == 0) return;
        using var update = StoreEngine.Of(db).BulkUpdate<T>(db);
        update?.Update(modified);
    }

    /// <summary>
    /// The added rows of <typeparamref name="T"/> by the bulk path rather than SaveChanges' statement per row (a new
    /// contact brings five or more: field values, subscriptions), then marked saved so SaveChanges passes them over.
    /// Their contacts have their ids by now (set above, or found in the store).
    /// </summary>
    private void InsertAdded<T>() where T : class
    {
        var added = db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count == 0) return;
        BulkInsert.Entities(db, added.Select(e => e.Entity));
        foreach (var entry in added) entry.State = EntityState.Unchanged;
    }
}
