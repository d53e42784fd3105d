using System.Globalization;
using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Changes;

/// <summary>A form flattened to text by field key, so two versions of a contact can be compared field by field.</summary>
internal static class ContactFormValues
{
    public static Dictionary<string, string?> Flatten(ContactForm form)
    {
        var values = new Dictionary<string, string?>
        {
            [ContactFieldNames.ExternalId] = form.ExternalId,
            [ContactFieldNames.Email] = form.Email,
            [ContactFieldNames.Phone] = form.Phone,
            [ContactFieldNames.FirstName] = form.FirstName,
            [ContactFieldNames.LastName] = form.LastName,
            [ContactFieldNames.BirthDate] = form.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [ContactFieldNames.Gender] = form.Gender == Gender.Unspecified ? null : form.Gender.ToString(),
            [ContactFieldNames.Country] = form.Country,
            [ContactFieldNames.Region] = form.Region,
            [ContactFieldNames.City] = form.City,
            [ContactFieldNames.Street] = form.Street,
            [ContactFieldNames.PostCode] = form.PostCode,
            [ContactFieldNames.TimeZone] = form.TimeZone,
            [ContactFieldNames.Language] = form.Language,
        };
        foreach (var (fieldId, text) in form.Fields)
            values[ContactFieldNames.Field(fieldId)] = text;
        return values;
    }

    /// <summary>Keys whose text differs (blank and missing count as the same).</summary>
    public static IEnumerable<string> Differences(Dictionary<string, string?> before, Dictionary<string, string?> after) =>
        before.Keys.Union(after.Keys).Where(key => Normal(before.GetValueOrDefault(key)) != Normal(after.GetValueOrDefault(key)));

    public static string? Normal(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
