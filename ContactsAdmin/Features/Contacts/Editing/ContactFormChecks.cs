using ContactsAdmin.Data;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Editing;

/// <summary>
/// The checks a contact form passes before anything is written, shared by editing a contact and creating one by hand:
/// the field rules (normalizing what is stored) and who already holds the identifiers typed.
/// </summary>
public sealed class ContactFormChecks(IDbContextFactory<AppDbContext> dbFactory, ContactsOptions contactsOptions, TimeProvider clock)
{
    /// <summary>Checks <paramref name="keys"/> of the form with the shared rules; gives the normalized text to store per field.</summary>
    public (Dictionary<FieldKey, string?> Normalized, Dictionary<FieldKey, string> Errors) Validate(
        ContactForm form, IEnumerable<FieldKey> keys, IReadOnlyDictionary<int, CustomFieldDefinition> definitions)
    {
        var normalized = new Dictionary<FieldKey, string?>();
        var errors = new Dictionary<FieldKey, string>();
        var context = RuleContext();
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

    /// <summary>
    /// The contacts other than <paramref name="contactId"/> that already hold an identifier typed on the form, as the form
    /// shows them while the user types. Values the rules refuse are skipped: the field's own error says what is wrong.
    /// </summary>
    public async Task<IReadOnlyList<IdentifierMatch>> OtherHoldersAsync(ContactForm form, long? contactId, CancellationToken ct = default)
    {
        var context = RuleContext();
        string? Typed(ProfileField field) =>
            field.Check(form[field], context) is { IsValid: true, Value: { } value } ? value : null;
        var (externalId, email, phone) = (Typed(ProfileFields.ExternalId), Typed(ProfileFields.Email), Typed(ProfileFields.Phone));
        if (externalId is null && email is null && phone is null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var holders = await IdentityResolver.HoldersAsync(db, externalId, email, phone, ct);
        return [.. holders.Where(h => h.ContactId != contactId)];
    }

    /// <summary>External ID, email and phone belong to one contact each: an error per identifier another contact holds.</summary>
    public static async Task AddHolderErrorsAsync(AppDbContext db, long? contactId, IReadOnlyDictionary<FieldKey, string?> normalized,
        Dictionary<FieldKey, string> errors, CancellationToken ct)
    {
        // The same look-up as every other write path (API, forms), so the UI and the API agree on who holds what.
        var holders = await IdentityResolver.HoldersAsync(db, normalized.GetValueOrDefault(ProfileFields.ExternalId),
            normalized.GetValueOrDefault(ProfileFields.Email), normalized.GetValueOrDefault(ProfileFields.Phone), ct);
        foreach (var holder in holders.Where(h => h.ContactId != contactId))
            errors[holder.Kind.Field()] = HolderText(holder);
    }

    /// <summary>How a form says who holds an identifier, e.g. "Email already belongs to Jane Doe (contact #12)."</summary>
    public static string HolderText(IdentifierMatch holder) =>
        $"{holder.Kind.Field().Label} already belongs to {holder.ContactName} (contact #{holder.ContactId}).";

    /// <summary>
    /// The identifier a write was refused for because a concurrent write took it after the check, or null when the
    /// refusal was something else.
    /// </summary>
    public static ProfileField? TakenIdentifier(Exception e) =>
        StoreUniqueViolation.Is(e, UniqueColumns, out var column)
            ? column switch
            {
                "ExternalId" => ProfileFields.ExternalId,
                "Phone" => ProfileFields.Phone,
                _ => ProfileFields.Email,
            }
            : null;

    // The identifier columns with a unique index (Data/Configurations/ContactConfiguration).
    private static readonly string[] UniqueColumns = ["ExternalId", "EmailNormalized", "Phone"];

    private FieldRuleContext RuleContext() =>
        new(contactsOptions.DefaultPhoneRegion, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}
