using System.Globalization;
using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Validation;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
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
    IAuthorizationService authorization,
    TimeProvider clock,
    ContactsOptions contactsOptions,
    EmailStatusRuleOptions emailRules)
{
    // The columns with a unique index, as SQLite names them in a constraint failure.
    private static readonly string[] UniqueColumns = ["ExternalId", "EmailNormalized", "Phone"];

    private string DefaultPhoneRegion => contactsOptions.DefaultPhoneRegion;

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
        if (!(await authorization.AuthorizeAsync(user, Policies.CanEdit)).Succeeded) return new SaveOutcome.Forbidden();
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
                .Select(key => ContactChanges.Describe(key, loadedValues.GetValueOrDefault(key), current.GetValueOrDefault(key), definitions))
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
            ContactChanges.Apply(db, contact, key, value, definitions);
            changes.Add(ContactChanges.Describe(key, before, value, definitions));
        }
        if (changes.Count == 0) return new SaveOutcome.Saved(contact.Version, changes);

        if (changes.Any(c => c.Key == ContactFieldNames.Email))
            await ContactChanges.RefreshEmailStatusAsync(db, contact, emailRules, ct);
        foreach (var change in changes)
        {
            db.AuditEntries.Add(ContactChanges.Audit(contact.Id, now, actor, ChangeSource.User, change.Label, change.From, change.To));
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
        catch (Exception e) when (StoreBusy.Is(e))
        {
            return new SaveOutcome.Busy();
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 } unique)
        {
            // A concurrent save took the same identifier after our check.
            var key = UniqueColumns.FirstOrDefault(unique.Message.Contains) switch
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
        ContactForm form, IEnumerable<string> keys, Dictionary<int, CustomFieldDefinition> definitions)
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
                case ContactFieldNames.Region: Take(key, ProfileRules.FreeText(form.Region, "Region", 100)); break;
                case ContactFieldNames.City: Take(key, ProfileRules.FreeText(form.City, "City", 100)); break;
                case ContactFieldNames.Street: Take(key, ProfileRules.FreeText(form.Street, "Street", 200)); break;
                case ContactFieldNames.PostCode: Take(key, ProfileRules.FreeText(form.PostCode, "Post code", 20)); break;
                case ContactFieldNames.Gender: normalized[key] = form.Gender == Gender.Unspecified ? null : form.Gender.ToString(); break;
                case ContactFieldNames.BirthDate:
                    var birth = ProfileRules.BirthDate(form.BirthDate is { } b ? DateOnly.FromDateTime(b) : null, today);
                    if (birth.IsValid) normalized[key] = birth.Value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    else errors[key] = birth.Error!;
                    break;
                default:
                    var fieldId = int.Parse(key["field:".Length..], CultureInfo.InvariantCulture);
                    if (!definitions.TryGetValue(fieldId, out var field)) break;   // deleted meanwhile
                    var value = CustomFieldRules.Value(field, form.Fields.GetValueOrDefault(fieldId));
                    if (!value.IsValid) errors[key] = value.Error!;
                    else normalized[key] = value.Value is null ? null : ContactForm.FormText(field, ToRow(value.Value));
                    break;
            }
        }
        return (normalized, errors);
    }

    /// <summary>External ID, email and phone belong to one contact each: say which contact has it already.</summary>
    private static async Task CheckIdentifiersAreFreeAsync(AppDbContext db, long contactId, Dictionary<string, string?> normalized,
        Dictionary<string, string> errors, CancellationToken ct)
    {
        // The same look-up as every other write path (API, forms), so the UI and the API agree on who holds what.
        var holders = await IdentityResolver.HoldersAsync(db, normalized.GetValueOrDefault(ContactFieldNames.ExternalId),
            normalized.GetValueOrDefault(ContactFieldNames.Email), normalized.GetValueOrDefault(ContactFieldNames.Phone), ct);
        foreach (var holder in holders.Where(h => h.ContactId != contactId))
        {
            var key = holder.Kind switch
            {
                IdentifierKind.ExternalId => ContactFieldNames.ExternalId,
                IdentifierKind.Email => ContactFieldNames.Email,
                _ => ContactFieldNames.Phone,
            };
            errors[key] = $"{ContactFieldNames.Label(key)} already belongs to {holder.ContactName} (contact #{holder.ContactId}).";
        }
    }

    private static CustomFieldValue ToRow(TypedFieldValue value)
    {
        var row = new CustomFieldValue();
        value.ApplyTo(row);
        return row;
    }
}
