using ContactsAdmin.Features.Contacts.Editing;
using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Profile.Changes;

/// <summary>
/// The steps every write of a contact's fields shares, whoever writes (the card's editor, the HTTP API):
/// a field key and its normalized text go onto the entity, an email change re-derives the email status,
/// and each change becomes an audit entry. Keys are <see cref="ContactFieldNames"/> and "field:{id}".
/// </summary>
public static class ContactChanges
{
    /// <summary>The contact's fields as text by key, for comparing with what a writer wants to store.</summary>
    public static Dictionary<string, string?> Current(Contact contact, IReadOnlyDictionary<int, CustomFieldDefinition> definitions) =>
        ContactFormValues.Flatten(ContactForm.From(contact, contact.CustomFieldValues, [.. definitions.Values]));

    /// <summary>True when two texts mean the same stored value (blank and missing are the same).</summary>
    public static bool Same(string? a, string? b) => ContactFormValues.Normal(a) == ContactFormValues.Normal(b);

    /// <summary>Puts one normalized value on the contact (a custom field's row is added, changed or removed).</summary>
    public static void Apply(AppDbContext db, Contact contact, string key, string? value, IReadOnlyDictionary<int, CustomFieldDefinition> definitions)
    {
        switch (key)
        {
            case ContactFieldNames.ExternalId: contact.ExternalId = value; break;
            case ContactFieldNames.Email:
                contact.Email = value;
                contact.EmailNormalized = value is null ? null : EmailRule.Key(value);
                break;
            case ContactFieldNames.Phone: contact.Phone = value; break;
            case ContactFieldNames.FirstName: contact.FirstName = value; break;
            case ContactFieldNames.LastName: contact.LastName = value; break;
            case ContactFieldNames.BirthDate: contact.BirthDate = value is null ? null : DateOnly.Parse(value, CultureInfo.InvariantCulture); break;
            case ContactFieldNames.Gender: contact.Gender = value is null ? Gender.Unspecified : Enum.Parse<Gender>(value); break;
            case ContactFieldNames.Country: contact.Country = value; break;
            case ContactFieldNames.Region: contact.Region = value; break;
            case ContactFieldNames.City: contact.City = value; break;
            case ContactFieldNames.Street: contact.Street = value; break;
            case ContactFieldNames.PostCode: contact.PostCode = value; break;
            case ContactFieldNames.TimeZone: contact.TimeZone = value; break;
            case ContactFieldNames.Language: contact.Language = value; break;
            default:
                var field = definitions[FieldId(key)];
                var row = contact.CustomFieldValues.FirstOrDefault(v => v.FieldId == field.Id);
                if (value is null)
                {
                    if (row is not null) db.CustomFieldValues.Remove(row);
                    break;
                }
                if (row is null)
                {
                    row = new CustomFieldValue { ContactId = contact.Id, FieldId = field.Id };
                    contact.CustomFieldValues.Add(row);
                }
                CustomFieldRules.Value(field, value).Value!.ApplyTo(row);
                break;
        }
    }

    /// <summary>
    /// A blacklist belongs to the address: after an email change the status is the fold over the new
    /// address's own log (Blacklisted at once if it is listed; Active if it has no history).
    /// </summary>
    public static async Task RefreshEmailStatusAsync(AppDbContext db, Contact contact, EmailStatusRuleOptions rules, CancellationToken ct)
    {
        if (contact.EmailNormalized is not { } address)
        {
            (contact.EmailStatus, contact.EmailStatusSince, contact.EmailStatusReason, contact.BlacklistReason, contact.BlacklistScope)
                = (EmailStatus.NoEmail, null, null, null, null);
            return;
        }
        var events = await db.EmailEvents.AsNoTracking().Where(e => e.Address == address).ToListAsync(ct);
        EmailStatusRules.Fold(events, rules).ApplyTo(contact);
    }

    /// <summary>
    /// <see cref="RefreshEmailStatusAsync"/> with the logs already read, for writes of many contacts at once:
    /// <paramref name="logs"/> holds the events of (at least) the contact's address.
    /// </summary>
    public static void RefreshEmailStatus(Contact contact, EmailStatusRuleOptions rules, ILookup<string, EmailEvent> logs)
    {
        if (contact.EmailNormalized is not { } address)
        {
            (contact.EmailStatus, contact.EmailStatusSince, contact.EmailStatusReason, contact.BlacklistReason, contact.BlacklistScope)
                = (EmailStatus.NoEmail, null, null, null, null);
            return;
        }
        EmailStatusRules.Fold(logs[address], rules).ApplyTo(contact);
    }

    /// <summary>A change as the audit trail and conflict messages name it (custom fields by their label).</summary>
    public static FieldChange Describe(string key, string? from, string? to, IReadOnlyDictionary<int, CustomFieldDefinition> definitions)
    {
        var label = IsCustomField(key) && definitions.TryGetValue(FieldId(key), out var field)
            ? field.Label
            : ContactFieldNames.Label(key);
        return new FieldChange(key, label, ContactFormValues.Normal(from), ContactFormValues.Normal(to));
    }

    public static AuditEntry Audit(long contactId, DateTime at, string actor, ChangeSource source, string field, string? from, string? to) => new()
    {
        ContactId = contactId, OccurredAt = at, Actor = actor, Source = source,
        Field = field, OldValue = Clip(from), NewValue = Clip(to),
    };

    public static bool IsCustomField(string key) => key.StartsWith("field:", StringComparison.Ordinal);

    public static int FieldId(string key) => int.Parse(key["field:".Length..], CultureInfo.InvariantCulture);

    private static string? Clip(string? value) => value is { Length: > 1000 } ? value[..1000] : value;
}
