using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Editing;

/// <summary>
/// Creates a contact a user typed in ("New contact" on the grid): the same field rules and identifier look-up as an
/// edit and the API, source "Manual", and an audit entry per field naming the user, as an edit writes them.
/// </summary>
public sealed class ContactCreator(
    IDbContextFactory<AppDbContext> dbFactory,
    IAuthorizationService authorization,
    TimeProvider clock,
    ContactFormChecks checks,
    EmailStatusRuleOptions emailRules,
    ProfileFieldTable profileFields,
    SuppressionHasher suppressions)
{
    /// <summary>What a new contact's change history says first.</summary>
    public const string CreatedField = "Contact";
    public const string CreatedText = "Created by hand";

    /// <summary>An empty form with the active custom fields.</summary>
    public async Task<(ContactForm Form, IReadOnlyList<CustomFieldDefinition> Fields)> NewFormAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fields = await CustomFieldOrder.ActiveAsync(db, ct);
        return (ContactForm.From(new Contact(), profileFields, [], fields), fields);
    }

    /// <summary>Creates the contact from the fields filled on <paramref name="form"/>; <see cref="SaveOutcome.Created"/> names it.</summary>
    public async Task<SaveOutcome> CreateAsync(ContactForm form, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return new SaveOutcome.Forbidden();
        var actor = user.Identity?.Name ?? "unknown user";

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var definitions = await db.CustomFieldDefinitions.AsNoTracking().ToDictionaryAsync(f => f.Id, ct);
        var filled = form.Values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).Select(v => v.Key).ToList();
        var (normalized, errors) = checks.Validate(form, filled, definitions);
        // A contact nobody can find again (no identifier) is of no use to a campaign: one identifier is the minimum.
        if (!IdentifierFields.Any(key => normalized.GetValueOrDefault(key) is not null || errors.ContainsKey(key)))
            errors[ProfileFields.Email] = NoIdentifier;
        await ContactFormChecks.AddHolderErrorsAsync(db, contactId: null, normalized, errors, ct);
        if (errors.Count > 0) return new SaveOutcome.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var contact = new Contact
        {
            Source = ContactSource.Manual, CreatedAt = now, LastEditAt = now, LastEditBy = actor, EmailStatus = EmailStatus.NoEmail,
        };
        db.Contacts.Add(contact);
        var changes = new List<FieldChange>();
        foreach (var (key, value) in normalized.Where(v => v.Value is not null))
        {
            ContactChanges.Apply(db, contact, key, value, definitions);
            changes.Add(ContactChanges.Describe(key, null, value, definitions));
        }
        // The address may have a history already (a blacklist, an unsubscribe, an erased contact's suppression): the new
        // contact starts with it.
        await ContactChanges.RefreshEmailStatusAsync(db, contact, emailRules, new SuppressionLookup(db, suppressions), ct);
        try
        {
            await db.SaveChangesAsync(ct);   // the new contact's id, for its audit entries
            db.AuditEntries.Add(ContactChanges.Audit(contact.Id, now, actor, ChangeSource.User, CreatedField, null, CreatedText));
            foreach (var change in changes)
                db.AuditEntries.Add(ContactChanges.Audit(contact.Id, now, actor, ChangeSource.User, change.Label, null, change.To));
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (StoreBusy.Is(e))
        {
            return new SaveOutcome.Busy();
        }
        catch (DbUpdateException e) when (ContactFormChecks.TakenIdentifier(e) is { } taken)
        {
            // A concurrent write took the same identifier after our check.
            return new SaveOutcome.Invalid(new Dictionary<FieldKey, string> { [taken] = "Another contact already has this value." });
        }
        return new SaveOutcome.Created(contact.Id);
    }

    public const string NoIdentifier = "Give an email, a phone or an external ID: a contact needs one to be found again.";

    private static readonly FieldKey[] IdentifierFields = [ProfileFields.Email, ProfileFields.Phone, ProfileFields.ExternalId];
}
