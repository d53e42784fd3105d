using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// A run of demo contacts and everything hanging off them, as rows ready to insert (<see cref="ModelRows{T}"/>:
/// the columns and values the EF model gives them). The generating thread adds contacts (<see cref="Add"/>) while
/// the writing thread inserts the previous batch (<see cref="DemoDataWriter"/>). Contact ids are given here, in
/// order, so children can name their contact without asking the database.
/// </summary>
internal sealed class DemoBatch(IModel model)
{
    /// <summary>The entity types a batch fills, in the order they are written: parents before children.</summary>
    public static readonly IReadOnlyList<Type> EntityTypes =
        [typeof(Contact), typeof(ContactDevice), typeof(CustomFieldValue), typeof(ContactSubscription), typeof(EmailEvent), typeof(BlacklistEntry), typeof(Activity)];

    private (long Ticks, int Made)[] sortKeys = new (long, int)[256];
    private Activity[] sorted = new Activity[256];

    public ModelRows<Contact> Contacts { get; } = new(model, withKey: true);
    public ModelRows<ContactDevice> Devices { get; } = new(model);
    public ModelRows<CustomFieldValue> FieldValues { get; } = new(model);
    public ModelRows<ContactSubscription> Subscriptions { get; } = new(model);
    public ModelRows<EmailEvent> EmailEvents { get; } = new(model);
    public ModelRows<BlacklistEntry> BlacklistEntries { get; } = new(model);
    public ModelRows<Activity> Activities { get; } = new(model);

    /// <summary>Contacts made, counting known ones skipped because their identifiers were taken (for progress).</summary>
    public int ContactsDone { get; set; }

    public int Rows => Contacts.Count + Devices.Count + FieldValues.Count + Subscriptions.Count + EmailEvents.Count + BlacklistEntries.Count + Activities.Count;

    public void Clear()
    {
        Contacts.Clear();
        Devices.Clear();
        FieldValues.Clear();
        Subscriptions.Clear();
        EmailEvents.Clear();
        BlacklistEntries.Clear();
        Activities.Clear();
        ContactsDone = 0;
    }

    /// <summary>Adds the contact (its status columns already folded) with this id, and its rows.</summary>
    public void Add(long id, DemoContactDraft draft, EmailStatusState? emailStatus)
    {
        var c = draft.Contact;
        c.Id = id;
        Contacts.Add(c);
        foreach (var d in draft.Devices)
        {
            d.ContactId = id;
            Devices.Add(d);
        }
        foreach (var v in draft.FieldValues)
        {
            v.ContactId = id;
            FieldValues.Add(v);
        }
        foreach (var s in draft.Subscriptions)
        {
            s.ContactId = id;
            Subscriptions.Add(s);
        }

        // Events in time order, so ids follow time as they would had they been recorded live.
        foreach (var e in draft.EmailEvents.OrderBy(e => e.OccurredAt))
        {
            e.ContactId = id;
            EmailEvents.Add(e);
        }
        if (emailStatus is not null && c.EmailNormalized is not null)
        {
            foreach (var b in emailStatus.Blacklistings) BlacklistEntries.Add(b.ToEntry(c.EmailNormalized));
        }

        foreach (var a in InTimeOrder(draft.Activities))
        {
            a.ContactId = id;
            Activities.Add(a);
        }
        Array.Clear(sorted, 0, draft.Activities.Count);
    }

    // Activities by time, those at the same moment in the order they were made (as a stable sort would have them).
    private ReadOnlySpan<Activity> InTimeOrder(List<Activity> activities)
    {
        var count = activities.Count;
        if (sorted.Length < count)
        {
            sorted = new Activity[Math.Max(count, sorted.Length * 2)];
            sortKeys = new (long, int)[sorted.Length];
        }
        for (var i = 0; i < count; i++)
        {
            sorted[i] = activities[i];
            sortKeys[i] = (activities[i].OccurredAt.Ticks, i);
        }
        Array.Sort(sortKeys, sorted, 0, count);
        return sorted.AsSpan(0, count);
    }
}

/// <summary>
/// Writes batches of demo rows through the engine's bulk path (<see cref="StoreEngine.BulkInsert{T}"/>), bypassing EF
/// Core's change tracker: the way to put ten million activities into SQLite in about a minute. Tables are written in the order the batch lists them
/// (<see cref="DemoBatch.EntityTypes"/>), so every table's ids follow the contacts' order.
/// </summary>
internal sealed class DemoDataWriter(StoreEngine engine, AppDbContext db) : IDisposable
{
    private readonly IBulkInsert<Contact> contacts = engine.BulkInsert<Contact>(db);
    private readonly IBulkInsert<ContactDevice> devices = engine.BulkInsert<ContactDevice>(db);
    private readonly IBulkInsert<CustomFieldValue> fieldValues = engine.BulkInsert<CustomFieldValue>(db);
    private readonly IBulkInsert<ContactSubscription> subscriptions = engine.BulkInsert<ContactSubscription>(db);
    private readonly IBulkInsert<EmailEvent> emailEvents = engine.BulkInsert<EmailEvent>(db);
    private readonly IBulkInsert<BlacklistEntry> blacklistEntries = engine.BulkInsert<BlacklistEntry>(db);
    private readonly IBulkInsert<Activity> activities = engine.BulkInsert<Activity>(db);

    public void Write(DemoBatch batch)
    {
        contacts.Insert(batch.Contacts);
        devices.Insert(batch.Devices);
        fieldValues.Insert(batch.FieldValues);
        subscriptions.Insert(batch.Subscriptions);
        emailEvents.Insert(batch.EmailEvents);
        blacklistEntries.Insert(batch.BlacklistEntries);
        activities.Insert(batch.Activities);
    }

    public void Dispose()
    {
        contacts.Dispose();
        devices.Dispose();
        fieldValues.Dispose();
        subscriptions.Dispose();
        emailEvents.Dispose();
        blacklistEntries.Dispose();
        activities.Dispose();
    }
}
