using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;
using Microsoft.Data.Sqlite;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// A run of demo contacts and everything hanging off them, as rows ready to insert. The generating thread adds
/// contacts (<see cref="Add"/>) while the writing thread inserts the previous batch (<see cref="DemoDataWriter"/>).
/// Contact ids are given here, in order, so children can name their contact without asking the database.
/// </summary>
internal sealed class DemoBatch
{
    private (long Ticks, int Made)[] sortKeys = new (long, int)[256];
    private Activity[] sorted = new Activity[256];

    public DemoRows Contacts { get; } = new(26);
    public DemoRows Devices { get; } = new(12);
    public DemoRows FieldValues { get; } = new(6);
    public DemoRows Subscriptions { get; } = new(5);
    public DemoRows EmailEvents { get; } = new(12);
    public DemoRows BlacklistEntries { get; } = new(9);
    public DemoRows Activities { get; } = new(9);

    /// <summary>Contacts made, counting known ones skipped because their identifiers were taken (for progress).</summary>
    public int ContactsDone { get; set; }

    public int Rows => Contacts.Rows + Devices.Rows + FieldValues.Rows + Subscriptions.Rows + EmailEvents.Rows + BlacklistEntries.Rows + Activities.Rows;

    public void Clear()
    {
        foreach (var table in (ReadOnlySpan<DemoRows>)[Contacts, Devices, FieldValues, Subscriptions, EmailEvents, BlacklistEntries, Activities])
            table.Clear();
        ContactsDone = 0;
    }

    /// <summary>Adds the contact (its status columns already folded) with this id, and its rows.</summary>
    public void Add(long id, DemoContactDraft draft, EmailStatusState? emailStatus)
    {
        var c = draft.Contact;
        c.Id = id;
        var r = Contacts;
        r.Integer(id); r.Text(c.ExternalId); r.Text(c.Email); r.Text(c.EmailNormalized); r.Text(c.Phone); r.Text(c.FirstName);
        r.Text(c.LastName); r.Day(c.BirthDate); r.Name(c.Gender); r.Text(c.Country); r.Text(c.Region); r.Text(c.City);
        r.Text(c.Street); r.Text(c.PostCode); r.Text(c.TimeZone); r.Text(c.Language); r.Name(c.Source); r.Date(c.CreatedAt);
        r.Date(c.LastEditAt); r.Text(c.LastEditBy); r.Name(c.EmailStatus); r.Date(c.EmailStatusSince); r.Text(c.EmailStatusReason);
        r.Name(c.BlacklistReason); r.Name(c.BlacklistScope); r.Integer(c.Version);

        foreach (var d in draft.Devices)
        {
            r = Devices;
            r.Integer(id); r.Name(d.Platform); r.Text(d.DeviceId); r.Text(d.PushToken); r.Text(d.AppId); r.Text(d.AppVersion);
            r.Text(d.Os); r.Text(d.DeviceModel); r.Text(d.Locale); r.Date(d.FirstSeenAt); r.Date(d.LastSeenAt); r.Boolean(d.IsActive);
        }
        foreach (var v in draft.FieldValues)
        {
            r = FieldValues;
            r.Integer(id); r.Integer(v.FieldId); r.Text(v.TextValue); r.Real(v.NumberValue); r.Day(v.DateValue); r.Boolean(v.BoolValue);
        }
        foreach (var s in draft.Subscriptions)
        {
            r = Subscriptions;
            r.Integer(id); r.Integer(s.CategoryId); r.Boolean(s.IsSubscribed); r.Date(s.Since); r.Name(s.Source);
        }

        // Events in time order, so ids follow time as they would had they been recorded live.
        foreach (var e in draft.EmailEvents.OrderBy(e => e.OccurredAt))
        {
            r = EmailEvents;
            r.Text(e.Address); r.Integer(id); r.Name(e.Kind); r.Date(e.OccurredAt); r.Text(e.MessageName); r.Text(e.SmtpCode);
            r.Text(e.Diagnostic); r.Name(e.UnsubscribeReason); r.Name(e.BlacklistReason); r.Name(e.BlacklistScope); r.Text(e.Actor); r.Text(e.Note);
        }
        if (emailStatus is not null && c.EmailNormalized is not null)
        {
            foreach (var b in emailStatus.Blacklistings)
            {
                r = BlacklistEntries;
                r.Text(c.EmailNormalized); r.Name(b.Reason); r.Name(b.Scope); r.Date(b.AddedAt); r.Text(b.AddedBy); r.Text(b.Note);
                r.Date(b.RemovedAt); r.Text(b.RemovedBy); r.Text(b.RemovalNote);
            }
        }

        foreach (var a in InTimeOrder(draft.Activities))
        {
            r = Activities;
            r.Integer(id); r.Date(a.OccurredAt); r.Name(a.Channel); r.Text(a.Name); r.Name(a.Status); r.Text(a.Details);
            r.Text(a.EventKey); r.Integer(a.WidgetId); r.Text(a.SessionId);
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
/// Writes batches of demo rows with multi-row prepared inserts, bypassing EF Core's change tracker: the way to put
/// ten million activities into SQLite in well under a minute. Tables are written in the order the batch lists
/// them, so every table's ids follow the contacts' order.
/// </summary>
internal sealed class DemoDataWriter(SqliteConnection connection) : IDisposable
{
    private readonly PreparedInsert contacts = new(connection, "Contacts",
    [
        "Id", "ExternalId", "Email", "EmailNormalized", "Phone", "FirstName", "LastName", "BirthDate", "Gender",
        "Country", "Region", "City", "Street", "PostCode", "TimeZone", "Language", "Source", "CreatedAt",
        "LastEditAt", "LastEditBy", "EmailStatus", "EmailStatusSince", "EmailStatusReason", "BlacklistReason",
        "BlacklistScope", "Version",
    ]);
    private readonly PreparedInsert devices = new(connection, "ContactDevices",
    [
        "ContactId", "Platform", "DeviceId", "PushToken", "AppId", "AppVersion", "Os", "DeviceModel", "Locale",
        "FirstSeenAt", "LastSeenAt", "IsActive",
    ]);
    private readonly PreparedInsert fieldValues = new(connection, "CustomFieldValues", ["ContactId", "FieldId", "TextValue", "NumberValue", "DateValue", "BoolValue"]);
    private readonly PreparedInsert subscriptions = new(connection, "ContactSubscriptions", ["ContactId", "CategoryId", "IsSubscribed", "Since", "Source"]);
    private readonly PreparedInsert emailEvents = new(connection, "EmailEvents",
    [
        "Address", "ContactId", "Kind", "OccurredAt", "MessageName", "SmtpCode", "Diagnostic", "UnsubscribeReason",
        "BlacklistReason", "BlacklistScope", "Actor", "Note",
    ]);
    private readonly PreparedInsert blacklistEntries = new(connection, "BlacklistEntries",
        ["Address", "Reason", "Scope", "AddedAt", "AddedBy", "Note", "RemovedAt", "RemovedBy", "RemovalNote"]);
    private readonly PreparedInsert activities = new(connection, "Activities",
        ["ContactId", "OccurredAt", "Channel", "Name", "Status", "Details", "EventKey", "WidgetId", "SessionId"]);

    public void Write(DemoBatch batch)
    {
        contacts.Write(batch.Contacts);
        devices.Write(batch.Devices);
        fieldValues.Write(batch.FieldValues);
        subscriptions.Write(batch.Subscriptions);
        emailEvents.Write(batch.EmailEvents);
        blacklistEntries.Write(batch.BlacklistEntries);
        activities.Write(batch.Activities);
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
