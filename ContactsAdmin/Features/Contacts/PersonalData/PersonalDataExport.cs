using System.Text.Encodings.Web;
using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Fields;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.PersonalData;

/// <summary>
/// Everything stored about one contact, as one JSON document (a data-protection "access" request): the profile by
/// the field table's keys, identifiers, devices, custom fields by key and label, subscriptions with dates and sources,
/// the address's email events, status and blacklist entries, activities with their details, and the change history.
/// Written as it is read, a section at a time with <see cref="Utf8JsonWriter"/> over the output and the long
/// sections (activities, history, events) streamed from their queries, so a contact with 100,000 activities is never
/// held in memory whole.
/// </summary>
public sealed class PersonalDataExport(IDbContextFactory<AppDbContext> dbFactory, ProfileFieldTable profileFields, TimeProvider clock)
{
    /// <summary>The file name of contact <paramref name="contactId"/>'s data.</summary>
    public static string FileName(long contactId) => $"contact-{contactId}-data.json";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whether the contact exists (ask before starting a response: once writing, a 404 can no longer be sent).</summary>
    public async Task<bool> ExistsAsync(long contactId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Contacts.AnyAsync(c => c.Id == contactId, ct);
    }

    /// <summary>Writes the document to <paramref name="output"/>; false (nothing written) when there is no such contact.</summary>
    public async Task<bool> WriteAsync(long contactId, Stream output, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null) return false;
        await using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteNumber("contactId", contact.Id);
        json.WriteString("exportedAt", clock.GetUtcNow().UtcDateTime);

        WriteProfile(json, contact);
        WriteIdentifiers(json, contact);
        await WriteDevicesAsync(db, json, contactId, ct);
        await WriteCustomFieldsAsync(db, json, contactId, ct);
        await WriteSubscriptionsAsync(db, json, contactId, ct);
        await WriteEmailAsync(db, json, contact, ct);
        await json.FlushAsync(ct);
        await WriteActivitiesAsync(db, json, contactId, ct);
        await WriteHistoryAsync(db, json, contactId, ct);
        json.WriteEndObject();
        await json.FlushAsync(ct);
        return true;
    }

    private void WriteProfile(Utf8JsonWriter json, Contact contact)
    {
        json.WriteStartObject("profile");
        foreach (var field in profileFields.Fields)
            WriteOptional(json, field.Key, field.Read(contact));
        json.WriteString("source", contact.Source.ToString());
        json.WriteString("createdAt", contact.CreatedAt);
        json.WriteString("lastEditAt", contact.LastEditAt);
        WriteOptional(json, "lastEditBy", contact.LastEditBy);
        json.WriteEndObject();
    }

    private static void WriteIdentifiers(Utf8JsonWriter json, Contact contact)
    {
        json.WriteStartObject("identifiers");
        WriteOptional(json, "externalId", contact.ExternalId);
        WriteOptional(json, "email", contact.Email);
        WriteOptional(json, "phone", contact.Phone);
        json.WriteEndObject();
    }

    private static async Task WriteDevicesAsync(AppDbContext db, Utf8JsonWriter json, long contactId, CancellationToken ct)
    {
        json.WriteStartArray("devices");
        await foreach (var d in db.ContactDevices.AsNoTracking().Where(d => d.ContactId == contactId).OrderBy(d => d.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            json.WriteStartObject();
            json.WriteString("deviceId", d.DeviceId);
            json.WriteString("platform", d.Platform.ToString());
            WriteOptional(json, "pushToken", d.PushToken);
            WriteOptional(json, "appId", d.AppId);
            WriteOptional(json, "appVersion", d.AppVersion);
            WriteOptional(json, "os", d.Os);
            WriteOptional(json, "deviceModel", d.DeviceModel);
            WriteOptional(json, "locale", d.Locale);
            json.WriteBoolean("active", d.IsActive);
            json.WriteString("firstSeenAt", d.FirstSeenAt);
            json.WriteString("lastSeenAt", d.LastSeenAt);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static async Task WriteCustomFieldsAsync(AppDbContext db, Utf8JsonWriter json, long contactId, CancellationToken ct)
    {
        var values = await db.CustomFieldValues.AsNoTracking().Include(v => v.Field).Where(v => v.ContactId == contactId).ToListAsync(ct);
        json.WriteStartArray("customFields");
        foreach (var value in values.OrderBy(v => v.Field!.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("key", value.Field!.Key);
            json.WriteString("label", value.Field.Label);
            WriteOptional(json, "value", CustomFieldText.Readable(value.Field, CustomFieldText.Of(value.Field, value)));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static async Task WriteSubscriptionsAsync(AppDbContext db, Utf8JsonWriter json, long contactId, CancellationToken ct)
    {
        var subscriptions = await db.ContactSubscriptions.AsNoTracking().Include(s => s.Category).Where(s => s.ContactId == contactId)
            .OrderBy(s => s.CategoryId).ToListAsync(ct);
        json.WriteStartArray("subscriptions");
        foreach (var s in subscriptions)
        {
            json.WriteStartObject();
            json.WriteString("category", s.Category!.Key);
            json.WriteString("categoryName", s.Category.Name);
            json.WriteBoolean("subscribed", s.IsSubscribed);
            json.WriteString("since", s.Since);
            json.WriteString("source", s.Source.ToString());
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The email status with its history: the address's events (by address: they belong to it) and its blacklist entries.</summary>
    private static async Task WriteEmailAsync(AppDbContext db, Utf8JsonWriter json, Contact contact, CancellationToken ct)
    {
        json.WriteStartObject("email");
        json.WriteString("status", contact.EmailStatus.ToString());
        WriteOptional(json, "statusSince", contact.EmailStatusSince);
        WriteOptional(json, "statusReason", contact.EmailStatusReason);
        json.WriteStartArray("events");
        if (contact.EmailNormalized is { } address)
        {
            await foreach (var e in db.EmailEvents.AsNoTracking().Where(e => e.Address == address).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                               .AsAsyncEnumerable().WithCancellation(ct))
            {
                json.WriteStartObject();
                json.WriteString("kind", e.Kind.ToString());
                json.WriteString("occurredAt", e.OccurredAt);
                WriteOptional(json, "message", e.MessageName);
                WriteOptional(json, "smtpCode", e.SmtpCode);
                WriteOptional(json, "diagnostic", e.Diagnostic);
                WriteOptional(json, "unsubscribeReason", e.UnsubscribeReason?.ToString());
                WriteOptional(json, "blacklistReason", e.BlacklistReason?.ToString());
                WriteOptional(json, "blacklistScope", e.BlacklistScope?.ToString());
                WriteOptional(json, "actor", e.Actor);
                WriteOptional(json, "note", e.Note);
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
        json.WriteStartArray("blacklistEntries");
        if (contact.EmailNormalized is { } listed)
        {
            foreach (var b in await db.BlacklistEntries.AsNoTracking().Where(b => b.Address == listed).OrderBy(b => b.AddedAt).ToListAsync(ct))
            {
                json.WriteStartObject();
                json.WriteString("reason", b.Reason.ToString());
                json.WriteString("scope", b.Scope.ToString());
                json.WriteString("addedAt", b.AddedAt);
                WriteOptional(json, "addedBy", b.AddedBy);
                WriteOptional(json, "note", b.Note);
                WriteOptional(json, "removedAt", b.RemovedAt);
                WriteOptional(json, "removedBy", b.RemovedBy);
                WriteOptional(json, "removalNote", b.RemovalNote);
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static async Task WriteActivitiesAsync(AppDbContext db, Utf8JsonWriter json, long contactId, CancellationToken ct)
    {
        json.WriteStartArray("activities");
        var written = 0;
        await foreach (var a in db.Activities.AsNoTracking().Where(a => a.ContactId == contactId).OrderBy(a => a.OccurredAt).ThenBy(a => a.Id)
                           .Select(a => new { a.OccurredAt, a.Channel, a.Name, a.Status, a.Details, a.EventKey, Widget = a.Widget == null ? null : a.Widget.Key, a.SessionId })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            json.WriteStartObject();
            json.WriteString("occurredAt", a.OccurredAt);
            json.WriteString("channel", a.Channel.ToString());
            json.WriteString("name", a.Name);
            WriteOptional(json, "status", a.Status?.ToString());
            WriteOptional(json, "eventKey", a.EventKey);
            WriteOptional(json, "widget", a.Widget);
            WriteOptional(json, "sessionId", a.SessionId);
            if (a.Details is { Length: > 0 } details) WriteDetails(json, details);
            json.WriteEndObject();
            if (++written % 1000 == 0) await json.FlushAsync(ct);   // the buffer stays small, whatever the count
        }
        json.WriteEndArray();
    }

    /// <summary>Details are a JSON object as stored: written as JSON, or as text when a row holds something else.</summary>
    private static void WriteDetails(Utf8JsonWriter json, string details)
    {
        try
        {
            using var parsed = JsonDocument.Parse(details);
            json.WritePropertyName("details");
            parsed.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteString("details", details);
        }
    }

    private static async Task WriteHistoryAsync(AppDbContext db, Utf8JsonWriter json, long contactId, CancellationToken ct)
    {
        json.WriteStartArray("changeHistory");
        var written = 0;
        await foreach (var h in db.AuditEntries.AsNoTracking().Where(a => a.ContactId == contactId).OrderBy(a => a.OccurredAt).ThenBy(a => a.Id)
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            json.WriteStartObject();
            json.WriteString("occurredAt", h.OccurredAt);
            json.WriteString("actor", h.Actor);
            json.WriteString("source", h.Source.ToString());
            json.WriteString("field", h.Field);
            WriteOptional(json, "from", h.OldValue);
            WriteOptional(json, "to", h.NewValue);
            json.WriteEndObject();
            if (++written % 1000 == 0) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, DateTime? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value.Value);
    }
}
