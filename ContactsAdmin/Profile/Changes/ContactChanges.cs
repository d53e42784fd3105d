using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Profile.Changes;

/// <summary>
/// The steps every write of a contact's fields shares, whoever writes (the card's editor, the HTTP API):
/// a field key and its normalized text go onto the entity, an email change re-derives the email status,
/// and each change becomes an audit entry.
/// </summary>
public static class ContactChanges
{
    /// <summary>The contact's fields as text by key, for comparing with what a writer wants to store.</summary>
    public static IReadOnlyDictionary<FieldKey, string?> Current(Contact contact, ProfileFieldTable table,
        IReadOnlyDictionary<int, CustomFieldDefinition> definitions) =>
        ContactForm.From(contact, table, contact.CustomFieldValues, [.. definitions.Values]).Values;

    /// <summary>Puts one normalized value on the contact (a custom field's row is added, changed or removed).</summary>
    public static void Apply(AppDbContext db, Contact contact, FieldKey key, string? value, IReadOnlyDictionary<int, CustomFieldDefinition> definitions)
    {
        if (key.Profile is { } field)
        {
            field.Write(contact, value);
            return;
        }
        var definition = definitions[key.CustomFieldId!.Value];
        var row = contact.CustomFieldValues.FirstOrDefault(v => v.FieldId == definition.Id);
        if (value is null)
        {
            if (row is not null) db.CustomFieldValues.Remove(row);
            return;
        }
        if (row is null)
        {
            row = new CustomFieldValue { ContactId = contact.Id, FieldId = definition.Id };
            contact.CustomFieldValues.Add(row);
        }
        CustomFieldRules.Value(definition, value).Value!.ApplyTo(row);
    }

    /// <summary>
    /// A blacklist belongs to the address: after an email change the status is the fold over the new
    /// address's own log (Blacklisted at once if it is listed; Active if it has no history), after an erased
    /// contact's suppression for the address or the contact's phone is restored into it (<see cref="SuppressionRestore"/>).
    /// </summary>
    public static async Task RefreshEmailStatusAsync(AppDbContext db, Contact contact, EmailStatusRuleOptions rules, SuppressionLookup suppressions, CancellationToken ct)
    {
        if (contact.EmailNormalized is not { } address)
        {
            ClearEmailStatus(contact);
            return;
        }
        var events = await db.EmailEvents.AsNoTracking().Where(e => e.Address == address).ToListAsync(ct);
        events.AddRange(await SuppressionRestore.RestoreAsync(db, contact, suppressions, events, rules, ct));
        EmailStatusRules.Fold(events, rules).ApplyTo(contact);
    }

    /// <summary>
    /// The email status as the fold over the address's log today, without looking at erased contacts' suppressions: for
    /// contacts rearranged inside the store (a merge and its undo), whose addresses were checked when they arrived.
    /// </summary>
    public static async Task RefoldEmailStatusAsync(AppDbContext db, Contact contact, EmailStatusRuleOptions rules, CancellationToken ct)
    {
        if (contact.EmailNormalized is not { } address)
        {
            ClearEmailStatus(contact);
            return;
        }
        var events = await db.EmailEvents.AsNoTracking().Where(e => e.Address == address).ToListAsync(ct);
        EmailStatusRules.Fold(events, rules).ApplyTo(contact);
    }

    /// <summary>
    /// <see cref="RefreshEmailStatusAsync"/> with the logs already read, for writes of many contacts at once:
    /// <paramref name="logs"/> holds the events of (at least) the contact's address.
    /// </summary>
    public static async Task RefreshEmailStatusAsync(AppDbContext db, Contact contact, EmailStatusRuleOptions rules, SuppressionLookup suppressions,
        ILookup<string, EmailEvent> logs, CancellationToken ct)
    {
        if (contact.EmailNormalized is not { } address)
        {
            ClearEmailStatus(contact);
            return;
        }
        var events = logs[address].ToList();
        events.AddRange(await SuppressionRestore.RestoreAsync(db, contact, suppressions, events, rules, ct));
        EmailStatusRules.Fold(events, rules).ApplyTo(contact);
    }

    private static void ClearEmailStatus(Contact contact) =>
        (contact.EmailStatus, contact.EmailStatusSince, contact.EmailStatusReason, contact.BlacklistReason, contact.BlacklistScope)
            = (EmailStatus.NoEmail, null, null, null, null);

    /// <summary>A change as the audit trail and conflict messages name it (custom fields by their label).</summary>
    public static FieldChange Describe(FieldKey key, string? from, string? to, IReadOnlyDictionary<int, CustomFieldDefinition> definitions)
    {
        if (key.Profile is { } field) return new FieldChange(key, field.Label, FieldText.Normal(from), FieldText.Normal(to));
        if (!definitions.TryGetValue(key.CustomFieldId!.Value, out var definition))
            return new FieldChange(key, key.ToString(), FieldText.Normal(from), FieldText.Normal(to));
        return new FieldChange(key, definition.Label,
            CustomFieldText.Readable(definition, FieldText.Normal(from)), CustomFieldText.Readable(definition, FieldText.Normal(to)));
    }

    public static AuditEntry Audit(long contactId, DateTime at, string actor, ChangeSource source, string field, string? from, string? to) => new()
    {
        ContactId = contactId, OccurredAt = at, Actor = actor, Source = source,
        Field = field, OldValue = Clip(from), NewValue = Clip(to),
    };

    private static string? Clip(string? value) => value is { Length: > 1000 } ? value[..1000] : value;
}
