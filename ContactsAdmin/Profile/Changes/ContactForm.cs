using ContactsAdmin.Data;
using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Profile.Changes;

/// <summary>
/// The editable part of a contact as a form holds it: each profile field and custom field as the text the user
/// types, by <see cref="FieldKey"/>. The editor validates and normalizes it; the entity never binds to a form.
/// </summary>
public sealed class ContactForm
{
    private readonly Dictionary<FieldKey, string?> values;

    private ContactForm(IReadOnlyList<ProfileField> profileFields, Dictionary<FieldKey, string?> values) =>
        (ProfileFields, this.values) = (profileFields, values);

    /// <summary>The profile fields on this form, in the order it shows them.</summary>
    public IReadOnlyList<ProfileField> ProfileFields { get; }

    public IReadOnlyDictionary<FieldKey, string?> Values => values;

    public string? this[FieldKey key]
    {
        get => values.GetValueOrDefault(key);
        set => values[key] = value;
    }

    public static ContactForm From(Contact contact, ProfileFieldTable table, IEnumerable<CustomFieldValue> values,
        IReadOnlyCollection<CustomFieldDefinition> definitions)
    {
        var byField = values.ToDictionary(v => v.FieldId);
        // Sized for all of them at once: a bulk write builds one of these per row, and growing it cost more than filling it.
        var texts = new Dictionary<FieldKey, string?>(table.Fields.Count + definitions.Count);
        foreach (var field in table.Fields) texts[(FieldKey)field] = field.Read(contact);
        foreach (var definition in definitions)
            texts[FieldKey.Custom(definition.Id)] = CustomFieldText.Of(definition, byField.GetValueOrDefault(definition.Id));
        return new ContactForm(table.Fields, texts);
    }

    /// <summary>A copy, so the form the user edits and the snapshot it was loaded from stay apart.</summary>
    public ContactForm Copy() => new(ProfileFields, new Dictionary<FieldKey, string?>(values));
}
