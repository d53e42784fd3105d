using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// The names lists give the contact's own fields besides their key and label, in English, German, Ukrainian and
/// Russian, by the field's key. Compared as <see cref="Normalize"/> makes them: case, spaces and punctuation do not count.
/// </summary>
public static class ColumnNameSynonyms
{
    private static readonly Dictionary<string, string[]> ByFieldKey = new()
    {
        [ProfileFields.ExternalId.Key] = ["id", "ext id", "customer id", "client id", "user id", "customer number", "kundennummer", "kunden id", "код клієнта", "код клиента"],
        [ProfileFields.Email.Key] = ["e-mail", "mail", "email address", "e-mail address", "e-mail-adresse", "emailadresse", "пошта", "електронна пошта", "ел. пошта", "почта", "электронная почта", "эл. почта", "емейл", "імейл"],
        [ProfileFields.Phone.Key] = ["mobile", "mobile phone", "mobile number", "cell", "cell phone", "tel", "telephone", "phone number", "telefon", "telefonnummer", "handy", "mobil", "mobilnummer", "телефон", "номер телефону", "мобільний", "номер телефона", "мобильный"],
        [ProfileFields.FirstName.Key] = ["first", "given name", "forename", "name", "vorname", "ім'я", "имя"],
        [ProfileFields.LastName.Key] = ["last", "surname", "family name", "nachname", "familienname", "прізвище", "фамилия"],
        [ProfileFields.BirthDate.Key] = ["birthday", "date of birth", "dob", "born", "geburtsdatum", "geburtstag", "дата народження", "день народження", "дата рождения", "день рождения"],
        [ProfileFields.Gender.Key] = ["sex", "geschlecht", "стать", "пол"],
        [ProfileFields.Language.Key] = ["lang", "language code", "locale", "sprache", "мова", "язык"],
        [ProfileFields.Country.Key] = ["country code", "land", "країна", "страна"],
        [ProfileFields.Region.Key] = ["state", "province", "bundesland", "область", "регіон", "регион"],
        [ProfileFields.City.Key] = ["town", "stadt", "ort", "місто", "город"],
        [ProfileFields.Street.Key] = ["address", "street address", "straße", "strasse", "adresse", "вулиця", "адреса", "улица", "адрес"],
        [ProfileFields.PostCode.Key] = ["zip", "zip code", "postal code", "postcode", "plz", "postleitzahl", "індекс", "поштовий індекс", "индекс", "почтовый индекс"],
        [ProfileFields.TimeZone.Key] = ["tz", "zeitzone", "часовий пояс", "часовой пояс"],
    };

    /// <summary>Every name of each field of <paramref name="fields"/>, normalized: its key, its label and its synonyms.</summary>
    public static Dictionary<string, ProfileField> Index(ProfileFieldTable fields)
    {
        var index = new Dictionary<string, ProfileField>(StringComparer.Ordinal);
        foreach (var field in fields.Fields)
        {
            foreach (var name in new[] { field.Key, field.Label, field.ApiPath }.Concat(ByFieldKey.GetValueOrDefault(field.Key) ?? []))
                index.TryAdd(Normalize(name), field);
        }
        return index;
    }

    /// <summary>"E-mail ", "e_mail" and "EMAIL" are all "email"; "Ім'я" is "імя".</summary>
    public static string Normalize(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)).Replace("ß", "ss", StringComparison.Ordinal);
}
