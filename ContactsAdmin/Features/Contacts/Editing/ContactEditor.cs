using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Validation;
using ContactsAdmin.Features.EmailStatuses;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Editing;

/// <summary>
/// Saves edits of a contact's identifiers, personal data and custom fields. Every save validates with the
/// shared field rules, checks the concurrency token, writes an audit entry per changed field and updates
/// "last edit". Only the fields the user changed are written, so a save never undoes someone else's edit
/// of another field.
/// </summary>
public sealed class ContactEditor(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    IConfiguration configuration,
    EmailStatusRuleOptions emailRules)
{
    private string DefaultPhoneRegion => configuration["Contacts:DefaultPhoneRegion"] is { Length: 2 } region ? region : "UA";

    public static bool CanEdit(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Marketer);

    /// <summary>Loads the form for a contact, with the version to send back on save.</summary>
    public async Task<(ContactForm Form, long Version, IReadOnlyList<CustomFieldDefinition> Fields)?> LoadAsync(long contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().Include(c => c.CustomFieldValues).SingleOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null) return null;
        var fields = await db.CustomFieldDefinitions.AsNoTracking().OrderBy(f => f.Group).ThenBy(f => f.SortOrder).ThenBy(f => f.Label).ToListAsync(ct);
        return (ContactForm.From(contact, contact.CustomFieldValues, fields), contact.Version, fields);
    }

    /// <param name="loaded">The form as it was loaded (to know what the user changed and what others changed).</param>
    /// <param name="edited">The form as the user left it.</param>
    /// <param name="version">The version the form was loaded at.</param>
    /// <param name="overwrite">Save even though someone else saved meanwhile (after the user saw their changes).</param>
    public async Task<SaveOutcome> SaveAsync(long contactId, long version, ContactForm loaded, ContactForm edited,
        ClaimsPrincipal user, bool overwrite = false, CancellationToken ct = default)
    {
        if (!CanEdit(user)) return new SaveOutcome.Forbidden();
        var actor = user.Identity?.Name ?? "unknown user";

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.Include(c => c.CustomFieldValues).SingleOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null) return new SaveOutcome.NotFound();
        var definitions = await db.CustomFieldDefinitions.AsNoTracking().ToDictionaryAsync(f => f.Id, ct);

        var loadedValues = ContactFormValues.Flatten(loaded);
        var current = ContactFormValues.Flatten(ContactForm.From(contact, contact.CustomFieldValues, [.. definitions.Values]));
        if (contact.Version != version && !overwrite)
        {
            var theirs = ContactFormValues.Differences(loadedValues, current)
                .Select(key => Change(key, loadedValues.GetValueOrDefault(key), current.GetValueOrDefault(key), definitions))
                .ToList();
            return new SaveOutcome.Conflict(contact.LastEditBy, contact.LastEditAt, theirs);
        }

        var userChanged = ContactFormValues.Differences(loadedValues, ContactFormValues.Flatten(edited)).ToList();
        var (normalized, errors) = Validate(edited, userChanged, definitions);
        await CheckIdentifiersAreFreeAsync(db, contact.Id, normalized, errors, ct);
        if (errors.Count > 0) return new SaveOutcome.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var changes = new List<FieldChange>();
        foreach (var (key, value) in normalized)
        {
            var before = current.GetValueOrDefault(key);
            if (ContactFormValues.Normal(before) == ContactFormValues.Normal(value)) continue;
            Apply(db, contact, key, value, definitions);
            changes.Add(Change(key, before, value, definitions));
        }
        if (changes.Count == 0) return new SaveOutcome.Saved(contact.Version, changes);

        if (changes.Any(c => c.Key == ContactFieldNames.Email))
            await RefreshEmailStatusAsync(db, contact, ct);
        foreach (var change in changes)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                ContactId = contact.Id, OccurredAt = now, Actor = actor, Source = ChangeSource.User,
                Field = change.Label, OldValue = Clip(change.From), NewValue = Clip(change.To),
            });
        }
        contact.LastEditAt = now;
        contact.LastEditBy = actor;
        contact.Version++;

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: report it like any other conflict.
            return await SaveAsync(contactId, version, loaded, edited, user, overwrite: false, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 } unique)
        {
            // A concurrent save took the same identifier after our check.
            var key = new[] { "ExternalId", "EmailNormalized", "Phone" }.FirstOrDefault(unique.Message.Contains) switch
            {
                "ExternalId" => ContactFieldNames.ExternalId,
                "Phone" => ContactFieldNames.Phone,
                _ => ContactFieldNames.Email,
            };
            return new SaveOutcome.Invalid(new Dictionary<string, string> { [key] = "Another contact already has this value." });
        }
        return new SaveOutcome.Saved(contact.Version, changes);
    }

    /// <summary>Checks the changed fields with the shared rules; gives the normalized text to store per key.</summary>
    private (Dictionary<string, string?> Normalized, Dictionary<string, string> Errors) Validate(
        ContactForm form, IEnumerable<string> keys, IReadOnlyDictionary<int, CustomFieldDefinition> definitions)
    {
        var normalized = new Dictionary<string, string?>();
        var errors = new Dictionary<string, string>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        void Take(string key, FieldCheck<string?> check)
        {
            if (check.IsValid) normalized[key] = check.Value;
            else errors[key] = check.Error!;
        }

        foreach (var key in keys)
        {
            switch (key)
            {
                case ContactFieldNames.ExternalId: Take(key, ProfileRules.ExternalId(form.ExternalId)); break;
                case ContactFieldNames.Email: Take(key, EmailRule.Check(form.Email)); break;
                case ContactFieldNames.Phone: Take(key, PhoneRule.Check(form.Phone, DefaultPhoneRegion)); break;
                case ContactFieldNames.FirstName: Take(key, NameRule.Check(form.FirstName, "First name")); break;
                case ContactFieldNames.LastName: Take(key, NameRule.Check(form.LastName, "Last name")); break;
                case ContactFieldNames.Country: Take(key, ProfileRules.Country(form.Country)); break;
                case ContactFieldNames.TimeZone: Take(key, ProfileRules.TimeZone(form.TimeZone)); break;
                case ContactFieldNames.Language: Take(key, ProfileRules.Language(form.Language)); break;
                case ContactFieldNames.Region: Take(key, FreeText(form.Region, "Region", 100)); break;
                case ContactFieldNames.City: Take(key, FreeText(form.City, "City", 100)); break;
                case ContactFieldNames.Street: Take(key, FreeText(form.Street, "Street", 200)); break;
                case ContactFieldNames.PostCode: Take(key, FreeText(form.PostCode, "Post code", 20)); break;
                case ContactFieldNames.Gender: normalized[key] = form.Gender == Gender.Unspecified ? null : form.Gender.ToString(); break;
                case ContactFieldNames.BirthDate:
                    var birth = ProfileRules.BirthDate(form.BirthDate is { } b ? DateOnly.FromDateTime(b) : null, today);
                    if (birth.IsValid) normalized[key] = birth.Value?.ToString("yyyy-MM-dd");
                    else errors[key] = birth.Error!;
                    break;
                default:
                    var fieldId = int.Parse(key["field:".Length..]);
                    if (!definitions.TryGetValue(fieldId, out var field)) break;   // deleted meanwhile
                    var value = CustomFieldRules.Value(field, form.Fields.GetValueOrDefault(fieldId));
                    if (!value.IsValid) errors[key] = value.Error!;
                    else normalized[key] = value.Value is null ? null : ContactForm.FormText(field, ToRow(value.Value));
                    break;
            }
        }
        return (normalized, errors);
    }

    private static FieldCheck<string?> FreeText(string? input, string label, int max)
    {
        var value = input?.Trim();
        if (string.IsNullOrEmpty(value)) return FieldCheck<string?>.Ok(null);
        return value.Length <= max ? FieldCheck<string?>.Ok(value) : FieldCheck<string?>.Invalid($"{label} can be at most {max} characters.");
    }

    /// <summary>External ID, email and phone belong to one contact each: say which contact has it already.</summary>
    private static async Task CheckIdentifiersAreFreeAsync(AppDbContext db, long contactId, Dictionary<string, string?> normalized,
        Dictionary<string, string> errors, CancellationToken ct)
    {
        async Task Check(string key, Func<string, IQueryable<Contact>> holders)
        {
            if (!normalized.TryGetValue(key, out var value) || value is null) return;
            var other = await holders(value).Where(c => c.Id != contactId)
                .Select(c => new { c.Id, c.FirstName, c.LastName, c.Email }).FirstOrDefaultAsync(ct);
            if (other is not null)
                errors[key] = $"{ContactFieldNames.Label(key)} already belongs to {ContactNames.Display(other.FirstName, other.LastName, other.Email, other.Id)} (contact #{other.Id}).";
        }

        await Check(ContactFieldNames.ExternalId, v => db.Contacts.Where(c => c.ExternalId == v));
        await Check(ContactFieldNames.Email, v => db.Contacts.Where(c => c.EmailNormalized == EmailRule.Key(v)));
        await Check(ContactFieldNames.Phone, v => db.Contacts.Where(c => c.Phone == v));
    }

    private static void Apply(AppDbContext db, Contact contact, string key, string? value, IReadOnlyDictionary<int, CustomFieldDefinition> definitions)
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
            case ContactFieldNames.BirthDate: contact.BirthDate = value is null ? null : DateOnly.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case ContactFieldNames.Gender: contact.Gender = value is null ? Gender.Unspecified : Enum.Parse<Gender>(value); break;
            case ContactFieldNames.Country: contact.Country = value; break;
            case ContactFieldNames.Region: contact.Region = value; break;
            case ContactFieldNames.City: contact.City = value; break;
            case ContactFieldNames.Street: contact.Street = value; break;
            case ContactFieldNames.PostCode: contact.PostCode = value; break;
            case ContactFieldNames.TimeZone: contact.TimeZone = value; break;
            case ContactFieldNames.Language: contact.Language = value; break;
            default:
                var field = definitions[int.Parse(key["field:".Length..])];
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
    private async Task RefreshEmailStatusAsync(AppDbContext db, Contact contact, CancellationToken ct)
    {
        if (contact.EmailNormalized is not { } address)
        {
            (contact.EmailStatus, contact.EmailStatusSince, contact.EmailStatusReason, contact.BlacklistReason, contact.BlacklistScope)
                = (EmailStatus.NoEmail, null, null, null, null);
            return;
        }
        var events = await db.EmailEvents.AsNoTracking().Where(e => e.Address == address).ToListAsync(ct);
        EmailStatusRules.Fold(events, emailRules).ApplyTo(contact);
    }

    private static FieldChange Change(string key, string? from, string? to, IReadOnlyDictionary<int, CustomFieldDefinition> definitions)
    {
        var label = key.StartsWith("field:", StringComparison.Ordinal) && definitions.TryGetValue(int.Parse(key["field:".Length..]), out var field)
            ? field.Label
            : ContactFieldNames.Label(key);
        return new FieldChange(key, label, ContactFormValues.Normal(from), ContactFormValues.Normal(to));
    }

    private static CustomFieldValue ToRow(TypedFieldValue value)
    {
        var row = new CustomFieldValue();
        value.ApplyTo(row);
        return row;
    }

    private static string? Clip(string? value) => value is { Length: > 1000 } ? value[..1000] : value;
}
