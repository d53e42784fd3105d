using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Profile.Changes;

/// <summary>
/// The editable part of a contact as a form holds it: plain text the user types, plus custom field
/// values as text. <see cref="ContactEditor"/> validates and normalizes it; the entity never binds to a form.
/// </summary>
public sealed record ContactForm
{
    public string? ExternalId { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public DateTime? BirthDate { get; set; }
    public Gender Gender { get; set; }
    public string? Country { get; set; }
    public string? Region { get; set; }
    public string? City { get; set; }
    public string? Street { get; set; }
    public string? PostCode { get; set; }
    public string? TimeZone { get; set; }
    public string? Language { get; set; }
    /// <summary>Custom field values as text, by field id (see <see cref="TypedFieldValue.Display"/> for the format).</summary>
    public Dictionary<int, string?> Fields { get; init; } = [];

    public static ContactForm From(Contact contact, IEnumerable<CustomFieldValue> values, IReadOnlyList<CustomFieldDefinition> definitions)
    {
        var byField = values.ToDictionary(v => v.FieldId);
        return new ContactForm
        {
            ExternalId = contact.ExternalId,
            Email = contact.Email,
            Phone = contact.Phone,
            FirstName = contact.FirstName,
            LastName = contact.LastName,
            BirthDate = contact.BirthDate?.ToDateTime(TimeOnly.MinValue),
            Gender = contact.Gender,
            Country = contact.Country,
            Region = contact.Region,
            City = contact.City,
            Street = contact.Street,
            PostCode = contact.PostCode,
            TimeZone = contact.TimeZone,
            Language = contact.Language,
            Fields = definitions.ToDictionary(d => d.Id, d => FormText(d, byField.GetValueOrDefault(d.Id))),
        };
    }

    /// <summary>A stored value as the form shows it: Boolean as yes/no so it reads back through the same rule.</summary>
    public static string? FormText(CustomFieldDefinition field, CustomFieldValue? value)
    {
        var typed = TypedFieldValue.From(value);
        if (typed is null) return null;
        return field.Type == CustomFieldType.Boolean && typed.Boolean is { } b ? (b ? "yes" : "no")
            : field.Type == CustomFieldType.Number && typed.Number is { } n ? n.ToString(CultureInfo.InvariantCulture)
            : typed.Display();
    }

    /// <summary>A deep copy, so the form the user edits and the snapshot it was loaded from stay apart.</summary>
    public ContactForm Copy() => this with { Fields = new Dictionary<int, string?>(Fields) };
}
