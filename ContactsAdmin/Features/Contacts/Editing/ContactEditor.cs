using System.Globalization;
using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Profile.Validation;
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
    EmailStatusRuleOptions emailRules,
    ProfileFieldTable profileFields,
    SuppressionHasher suppressions)
{
    // The columns with a unique index, as SQLite names them in a constraint failure.
    private static readonly string[] UniqueColumns = ["ExternalId", "EmailNormalized", "Phone"];

    /// <summary>Loads the form for a contact, with the version to send back on save.</summary>
    public async Task<(ContactForm Form, long Version, IReadOnlyList<CustomFieldDefinition> Fields)?> LoadAsync(long contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().Include(c => c.CustomFieldValues).SingleOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null) return null;
        var fields = await CustomFieldOrder.ActiveAsync(db, ct);
        return (ContactForm.From(contact, profileFields, contact.CustomFieldValues, fields), contact.Version, fields);
    }

    /// <param name="loaded">The form as it was loaded (to know what the user changed and what others changed).</param>
    /// <param name="edited">The form as the user left it.</param>
    /// <param name="version">The version the form was loaded at.</param>
    /// <param name="overwrite">Save even though someone else saved meanwhile (after the user saw their changes).</param>
    public async Task<SaveOutcome> SaveAsync(long contactId, long version, ContactForm loaded, ContactForm edited,
        ClaimsPrincipal user, bool overwrite = false, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return new SaveOutcome.Forbidden();
        var actor = user.Identity?.Name ?? "unknown user";

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.Include(c => c.CustomFieldValues).SingleOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null) return new SaveOutcome.NotFound();
        // Archived fields are not on the form: their stored values are neither compared nor written. One archived
        // while the dialog was open is still known to the rules, so its new value is refused with a reason, not dropped.
        var everyDefinition = await db.CustomFieldDefinitions.AsNoTracking().ToDictionaryAsync(f => f.Id, ct);
        var definitions = everyDefinition.Values.Where(f => f.ArchivedAt is null).ToDictionary(f => f.Id);

        var loadedValues = loaded.Values;
        var current = ContactChanges.Current(contact, profileFields, definitions);
        if (contact.Version != version && !overwrite)
        {
            var theirs = FieldText.Differences(loadedValues, current)
                .Select(key => ContactChanges.Describe(key, loadedValues.GetValueOrDefault(key), current.GetValueOrDefault(key), definitions))
                .ToList();
            return new SaveOutcome.Conflict(contact.LastEditBy, contact.LastEditAt, theirs);
        }

        var userChanged = FieldText.Differences(loadedValues, edited.Values).ToList();
        var (normalized, errors) = Validate(edited, userChanged, everyDefinition);
        await CheckIdentifiersAreFreeAsync(db, contact.Id, normalized, errors, ct);
        if (errors.Count > 0) return new SaveOutcome.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var changes = new List<FieldChange>();
        foreach (var (key, value) in normalized)
        {
            var before = current.GetValueOrDefault(key);
            if (FieldText.Same(before, value)) continue;
            ContactChanges.Apply(db, contact, key, value, definitions);
            changes.Add(ContactChanges.Describe(key, before, value, definitions));
        }
        if (changes.Count == 0) return new SaveOutcome.Saved(contact.Version, changes);

        if (changes.Any(c => c.Key == ProfileFields.Email))
            await ContactChanges.RefreshEmailStatusAsync(db, contact, emailRules, new SuppressionLookup(db, suppressions), ct);
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
                "ExternalId" => ProfileFields.ExternalId,
                "Phone" => ProfileFields.Phone,
                _ => ProfileFields.Email,
            };
            return new SaveOutcome.Invalid(new Dictionary<FieldKey, string> { [key] = "Another contact already has this value." });
        }
        return new SaveOutcome.Saved(contact.Version, changes);
    }

    /// <summary>Checks the changed fields with the shared rules; gives the normalized text to store per field.</summary>
    private (Dictionary<FieldKey, string?> Normalized, Dictionary<FieldKey, string> Errors) Validate(
        ContactForm form, IEnumerable<FieldKey> keys, Dictionary<int, CustomFieldDefinition> definitions)
    {
        var normalized = new Dictionary<FieldKey, string?>();
        var errors = new Dictionary<FieldKey, string>();
        var context = new FieldRuleContext(contactsOptions.DefaultPhoneRegion, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        foreach (var key in keys)
        {
            if (key.Profile is { } field)
            {
                var check = field.Check(form[key], context);
                if (check.IsValid) normalized[key] = check.Value;
                else errors[key] = check.Error!;
                continue;
            }
            if (!definitions.TryGetValue(key.CustomFieldId!.Value, out var definition)) continue;   // deleted meanwhile
            if (definition.ArchivedAt is not null)
            {
                // Archived while the dialog was open: as the API says, it takes no new values until restored.
                errors[key] = $"The field '{definition.Label}' is archived.";
                continue;
            }
            var value = CustomFieldRules.Value(definition, form[key]);
            if (!value.IsValid) errors[key] = value.Error!;
            else normalized[key] = value.Value is null ? null : CustomFieldText.Of(definition, value.Value);
        }
        return (normalized, errors);
    }

    /// <summary>External ID, email and phone belong to one contact each: say which contact has it already.</summary>
    private static async Task CheckIdentifiersAreFreeAsync(AppDbContext db, long contactId, Dictionary<FieldKey, string?> normalized,
        Dictionary<FieldKey, string> errors, CancellationToken ct)
    {
        // The same look-up as every other write path (API, forms), so the UI and the API agree on who holds what.
        var holders = await IdentityResolver.HoldersAsync(db, normalized.GetValueOrDefault(ProfileFields.ExternalId),
            normalized.GetValueOrDefault(ProfileFields.Email), normalized.GetValueOrDefault(ProfileFields.Phone), ct);
        foreach (var holder in holders.Where(h => h.ContactId != contactId))
        {
            var field = holder.Kind.Field();
            errors[field] = $"{field.Label} already belongs to {holder.ContactName} (contact #{holder.ContactId}).";
        }
    }
}
