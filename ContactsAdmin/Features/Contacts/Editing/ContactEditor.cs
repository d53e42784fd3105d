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
    ContactFormChecks checks,
    EmailStatusRuleOptions emailRules,
    ProfileFieldTable profileFields,
    SuppressionHasher suppressions)
{
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
        var (normalized, errors) = checks.Validate(edited, userChanged, everyDefinition);
        await ContactFormChecks.AddHolderErrorsAsync(db, contact.Id, normalized, errors, ct);
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
        catch (DbUpdateException e) when (ContactFormChecks.TakenIdentifier(e) is { } taken)
        {
            // A concurrent save took the same identifier after our check.
            return new SaveOutcome.Invalid(new Dictionary<FieldKey, string> { [taken] = "Another contact already has this value." });
        }
        return new SaveOutcome.Saved(contact.Version, changes);
    }
}
