using ContactsAdmin.Data;
using ContactsAdmin.Features.EmailStatuses;
using Microsoft.Data.Sqlite;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Writes demo contacts and everything hanging off them with prepared SQLite commands, bypassing the change
/// tracker: a couple of hundred thousand activities go in within seconds this way, not minutes.
/// </summary>
internal sealed class DemoDataWriter : IDisposable
{
    private readonly PreparedInsert contacts;
    private readonly PreparedInsert devices;
    private readonly PreparedInsert fieldValues;
    private readonly PreparedInsert subscriptions;
    private readonly PreparedInsert emailEvents;
    private readonly PreparedInsert blacklistEntries;
    private readonly PreparedInsert activities;

    public DemoDataWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        contacts = new(connection, transaction, "Contacts",
        [
            "ExternalId", "Email", "EmailNormalized", "Phone", "FirstName", "LastName", "BirthDate", "Gender",
            "Country", "Region", "City", "Street", "PostCode", "TimeZone", "Language", "Source", "CreatedAt",
            "LastEditAt", "LastEditBy", "EmailStatus", "EmailStatusSince", "EmailStatusReason", "BlacklistReason",
            "BlacklistScope", "Version",
        ], returningId: true);
        devices = new(connection, transaction, "ContactDevices",
        [
            "ContactId", "Platform", "DeviceId", "PushToken", "AppId", "AppVersion", "Os", "DeviceModel", "Locale",
            "FirstSeenAt", "LastSeenAt", "IsActive",
        ]);
        fieldValues = new(connection, transaction, "CustomFieldValues", ["ContactId", "FieldId", "TextValue", "NumberValue", "DateValue", "BoolValue"]);
        subscriptions = new(connection, transaction, "ContactSubscriptions", ["ContactId", "CategoryId", "IsSubscribed", "Since", "Source"]);
        emailEvents = new(connection, transaction, "EmailEvents",
        [
            "Address", "ContactId", "Kind", "OccurredAt", "MessageName", "SmtpCode", "Diagnostic", "UnsubscribeReason",
            "BlacklistReason", "BlacklistScope", "Actor", "Note",
        ]);
        blacklistEntries = new(connection, transaction, "BlacklistEntries",
            ["Address", "Reason", "Scope", "AddedAt", "AddedBy", "Note", "RemovedAt", "RemovedBy", "RemovalNote"]);
        activities = new(connection, transaction, "Activities",
            ["ContactId", "OccurredAt", "Channel", "Name", "Status", "Details", "EventKey", "WidgetId", "SessionId"]);
    }

    /// <summary>Writes the contact (its status columns already folded) and its rows; returns the contact's id.</summary>
    public long Write(DemoContactDraft draft, EmailStatusState? emailStatus)
    {
        var c = draft.Contact;
        var id = contacts.InsertReturningId(
            c.ExternalId, c.Email, c.EmailNormalized, c.Phone, c.FirstName, c.LastName, c.BirthDate, c.Gender,
            c.Country, c.Region, c.City, c.Street, c.PostCode, c.TimeZone, c.Language, c.Source, c.CreatedAt,
            c.LastEditAt, c.LastEditBy, c.EmailStatus, c.EmailStatusSince, c.EmailStatusReason, c.BlacklistReason,
            c.BlacklistScope, c.Version);
        c.Id = id;

        foreach (var d in draft.Devices)
            devices.Insert(id, d.Platform, d.DeviceId, d.PushToken, d.AppId, d.AppVersion, d.Os, d.DeviceModel, d.Locale, d.FirstSeenAt, d.LastSeenAt, d.IsActive);
        foreach (var v in draft.FieldValues)
            fieldValues.Insert(id, v.FieldId, v.TextValue, v.NumberValue, v.DateValue, v.BoolValue);
        foreach (var s in draft.Subscriptions)
            subscriptions.Insert(id, s.CategoryId, s.IsSubscribed, s.Since, s.Source);

        // Events in time order, so ids follow time as they would had they been recorded live.
        foreach (var e in draft.EmailEvents.OrderBy(e => e.OccurredAt))
            emailEvents.Insert(e.Address, id, e.Kind, e.OccurredAt, e.MessageName, e.SmtpCode, e.Diagnostic, e.UnsubscribeReason,
                e.BlacklistReason, e.BlacklistScope, e.Actor, e.Note);
        if (emailStatus is not null && c.EmailNormalized is not null)
        {
            foreach (var b in emailStatus.Blacklistings.Select(b => b.ToEntry(c.EmailNormalized)))
                blacklistEntries.Insert(b.Address, b.Reason, b.Scope, b.AddedAt, b.AddedBy, b.Note, b.RemovedAt, b.RemovedBy, b.RemovalNote);
        }

        foreach (var a in draft.Activities.OrderBy(a => a.OccurredAt))
            activities.Insert(id, a.OccurredAt, a.Channel, a.Name, a.Status, a.Details, a.EventKey, a.WidgetId, a.SessionId);
        return id;
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
