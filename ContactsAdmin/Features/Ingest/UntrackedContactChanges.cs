using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// The changes a <see cref="ContactBatch"/> makes to contacts the store holds, when it read them without tracking (on an
/// engine with its own UPDATE path, <see cref="StoreEngine.HasBulkUpdate"/>): each contact, its custom field values and
/// subscriptions are remembered as stored before the first write to them since the last save, and at the save the
/// columns that differ are stored (the rows with the same changed columns in one UPDATE) and the rows added to their lists inserted, what SaveChanges
/// would have stored for them had they been tracked. A removed custom field value is marked deleted in the context by
/// the write itself (<see cref="Profile.Changes.ContactChanges.Apply"/>), which SaveChanges then deletes as before.
/// </summary>
/// <remarks>
/// Why: reading a batch's 3,000 contacts and their 20,000 values and subscriptions tracked, then scanning them all for
/// changes and handing each changed one to EF's entries, was over half of an all-updates import's time; comparing typed
/// rows (<see cref="ModelSnapshots{T}"/>) costs a small part of that.
/// </remarks>
internal sealed class UntrackedContactChanges(AppDbContext db)
{
    private readonly ModelSnapshots<Contact> contacts = new(db.Model);
    private readonly ModelSnapshots<CustomFieldValue> values = new(db.Model);
    private readonly ModelSnapshots<ContactSubscription> subscriptions = new(db.Model);
    // The contacts remembered since the last save, in the order they were first written.
    private readonly List<Contact> written = [];

    /// <summary>Before a write changes <paramref name="contact"/>: remembers it and its rows as stored, the first time since the last save.</summary>
    public void Remember(Contact contact)
    {
        if (!contacts.Remember(contact)) return;
        written.Add(contact);
        foreach (var value in contact.CustomFieldValues) values.Remember(value);
        foreach (var subscription in contact.Subscriptions) subscriptions.Remember(subscription);
    }

    /// <summary>
    /// Stores what the writes changed: the rows added to the contacts' lists (as one INSERT each kind), then each changed row's
    /// changed columns; the contacts' concurrency token must still hold what it held when they were remembered.
    /// </summary>
    public void Save()
    {
        if (written.Count == 0) return;
        // The contact's id goes onto its new rows here, as the context's fix-up puts it on tracked ones (a new subscription has none).
        var addedValues = new List<CustomFieldValue>();
        var addedSubscriptions = new List<ContactSubscription>();
        foreach (var contact in written)
        {
            foreach (var value in contact.CustomFieldValues.Where(v => !values.TryGetRow(v, out _)))
            {
                value.ContactId = contact.Id;
                addedValues.Add(value);
            }
            foreach (var subscription in contact.Subscriptions.Where(s => !subscriptions.TryGetRow(s, out _)))
            {
                subscription.ContactId = contact.Id;
                addedSubscriptions.Add(subscription);
            }
        }
        BulkInsert.Entities(db, addedValues);
        BulkInsert.Entities(db, addedSubscriptions);
        Update(contacts, written);
        Update(values, written.SelectMany(c => c.CustomFieldValues));
        Update(subscriptions, written.SelectMany(c => c.Subscriptions));
        written.Clear();
        contacts.Clear();
        values.Clear();
        subscriptions.Clear();
    }

    private void Update<T>(ModelSnapshots<T> snapshots, IEnumerable<T> entities) where T : class
    {
        var changes = new List<UntrackedChange<T>>();
        foreach (var entity in entities)
        {
            if (!snapshots.TryGetRow(entity, out var row)) continue;   // added: inserted above
            var changed = snapshots.Changed(entity, row);
            if (changed != 0) changes.Add(new UntrackedChange<T>(entity, changed, row));
        }
        if (changes.Count == 0) return;
        using var update = StoreEngine.Of(db).BulkUpdate<T>(db)
            ?? throw new InvalidOperationException($"The engine has no UPDATE path for {typeof(T).Name}: its rows must be read with tracking.");
        update.Update(changes, snapshots.Originals);
    }
}
