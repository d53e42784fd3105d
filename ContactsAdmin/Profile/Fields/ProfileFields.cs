using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Choices;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Profile.Fields;

/// <summary>
/// The contact's own fields, each declared once. Adding a field takes an entry here (and its column in a migration);
/// the edit form, change history, validation, the HTTP API and CSV all follow from <see cref="All"/>.
/// </summary>
public static class ProfileFields
{
    public static readonly ProfileField ExternalId = new()
    {
        Key = "ExternalId", Label = "External ID", Section = FieldSection.Identifiers,
        MaxLength = ProfileRules.ExternalIdMaxLength, Hint = $"Your own user id, up to {ProfileRules.ExternalIdMaxLength} characters",
        ApiPath = "externalCustomerId",
        ApiDescription = $"The customer's own user id (up to {ProfileRules.ExternalIdMaxLength} characters): the main matching key.",
        Read = c => c.ExternalId, Write = (c, v) => c.ExternalId = v,
        Rule = (_, input, _) => ProfileRules.ExternalId(input),
    };

    public static readonly ProfileField Email = new()
    {
        Key = "Email", Label = "Email", Section = FieldSection.Identifiers, Input = FieldInput.Email, Hint = "name@example.com",
        ApiPath = "email", ApiWritesThroughChannels = true,
        Read = c => c.Email,
        Write = (c, v) => (c.Email, c.EmailNormalized) = (v, v is null ? null : EmailRule.Key(v)),
        Rule = (_, input, _) => EmailRule.Check(input),
    };

    public static readonly ProfileField Phone = new()
    {
        Key = "Phone", Label = "Phone", Section = FieldSection.Identifiers, Input = FieldInput.Phone,
        Hint = "International (+380501234567) or national",
        ApiPath = "phone", ApiWritesThroughChannels = true,
        Read = c => c.Phone, Write = (c, v) => c.Phone = v,
        Rule = (_, input, context) => PhoneRule.Check(input, context.DefaultPhoneRegion),
    };

    public static readonly ProfileField FirstName = Name("FirstName", "First name", "firstName", (c, v) => c.FirstName = v, c => c.FirstName);
    public static readonly ProfileField LastName = Name("LastName", "Last name", "lastName", (c, v) => c.LastName = v, c => c.LastName);

    public static readonly ProfileField BirthDate = new()
    {
        Key = "BirthDate", Label = "Birth date", Section = FieldSection.PersonalData, Input = FieldInput.Date,
        ApiPath = "birthDate", ApiDescription = "YYYY-MM-DD.",
        Read = c => c.BirthDate?.ToString(DateText, CultureInfo.InvariantCulture),
        Write = (c, v) => c.BirthDate = v is null ? null : DateOnly.ParseExact(v, DateText, CultureInfo.InvariantCulture),
        Rule = (_, input, context) => BirthDateRule(input, context.Today),
    };

    public static readonly ProfileField Gender = new()
    {
        Key = "Gender", Label = "Gender", Section = FieldSection.PersonalData, Input = FieldInput.Choice,
        Choices = [.. Enum.GetNames<Gender>().Where(name => name != nameof(Data.Gender.Unspecified))],
        ApiPath = "gender", ApiDescription = "female, male, other or unspecified.",
        Read = c => c.Gender == Data.Gender.Unspecified ? null : c.Gender.ToString(),
        Write = (c, v) => c.Gender = v is null ? Data.Gender.Unspecified : Enum.Parse<Gender>(v),
        ApiValue = c => c.Gender,
        Rule = (_, input, _) => GenderRule(input),
    };

    public static readonly ProfileField Language = new()
    {
        Key = "Language", Label = "Language", Section = FieldSection.PersonalData, Input = FieldInput.Search,
        SearchChoices = _ => LanguageChoices.All, Hint = "Type a language or its code, e.g. Ukrainian or uk",
        ApiPath = "languageCode", ApiDescription = "BCP 47 language tag, e.g. uk-UA.",
        Read = c => c.Language, Write = (c, v) => c.Language = v,
        Rule = (_, input, _) => ProfileRules.Language(input),
    };

    public static readonly ProfileField Country = new()
    {
        Key = "Country", Label = "Country", Section = FieldSection.PersonalData, MaxLength = 2, Input = FieldInput.Search,
        SearchChoices = _ => CountryChoices.All, Hint = "Type a country or its code, e.g. Ukraine or UA",
        ApiPath = "address.country", ApiDescription = "ISO 3166-1 alpha-2, e.g. UA.",
        Read = c => c.Country, Write = (c, v) => c.Country = v,
        Rule = (_, input, _) => ProfileRules.Country(input),
    };

    public static readonly ProfileField Region = FreeText("Region", "Region", 100, "address.region", (c, v) => c.Region = v, c => c.Region);

    public static readonly ProfileField City = FreeText("City", "City", 100, "address.town", (c, v) => c.City = v, c => c.City,
        apiAlias: "address.city", apiDescription: "The city; 'city' is accepted for it too.");

    public static readonly ProfileField Street = FreeText("Street", "Street", 200, "address.address", (c, v) => c.Street = v, c => c.Street, formWidth: 8,
        apiAlias: "address.street", apiDescription: "Street and house; 'street' is accepted for it too.");

    public static readonly ProfileField PostCode = FreeText("PostCode", "Post code", 20, "address.postcode", (c, v) => c.PostCode = v, c => c.PostCode);

    public static readonly ProfileField TimeZone = new()
    {
        Key = "TimeZone", Label = "Time zone", Section = FieldSection.PersonalData, FormWidth = 6, Input = FieldInput.Search,
        SearchChoices = TimeZoneChoices.At, Hint = "Type a city or region, e.g. Kyiv or New York",
        ApiPath = "timeZone", ApiDescription = "IANA time zone, e.g. Europe/Kyiv.",
        Read = c => c.TimeZone, Write = (c, v) => c.TimeZone = v,
        Rule = (_, input, _) => ProfileRules.TimeZone(input),
    };

    /// <summary>Every field, in the order the edit form shows them.</summary>
    public static IReadOnlyList<ProfileField> All { get; } =
        [ExternalId, Email, Phone, FirstName, LastName, BirthDate, Gender, Language, Country, Region, City, Street, PostCode, TimeZone];

    /// <summary>The identifiers: each belongs to one contact at most.</summary>
    public static IReadOnlyList<ProfileField> Identifiers { get; } = [ExternalId, Email, Phone];

    private const string DateText = "yyyy-MM-dd";

    private static ProfileField Name(string key, string label, string apiPath, Action<Contact, string?> write, Func<Contact, string?> read) => new()
    {
        Key = key, Label = label, Section = FieldSection.PersonalData, MaxLength = NameRule.MaxLength, FormWidth = 6,
        Hint = "Letters, spaces, ' and - inside words",
        ApiPath = apiPath, ApiDescription = $"Letters of any alphabet, spaces, apostrophes and hyphens inside words; at most {NameRule.MaxLength} characters.",
        Read = read, Write = write,
        Rule = (field, input, _) => NameRule.Check(input, field.Label),
    };

    private static ProfileField FreeText(string key, string label, int maxLength, string apiPath, Action<Contact, string?> write, Func<Contact, string?> read,
        int formWidth = 4, string? apiAlias = null, string? apiDescription = null) => new()
        {
            Key = key, Label = label, Section = FieldSection.PersonalData, MaxLength = maxLength, FormWidth = formWidth,
            ApiPath = apiPath, ApiAlias = apiAlias, ApiDescription = apiDescription,
            Read = read, Write = write,
            Rule = (field, input, _) => ProfileRules.FreeText(input, field.Label, field.MaxLength!.Value),
        };

    private static FieldCheck<string?> BirthDateRule(string? input, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(input)) return FieldCheck<string?>.Ok(null);
        if (!DateOnly.TryParseExact(input.Trim(), DateText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return FieldCheck<string?>.Invalid("Birth date must be a date as YYYY-MM-DD, e.g. 1990-04-17.");
        var check = ProfileRules.BirthDate(date, today);
        return check.IsValid ? FieldCheck<string?>.Ok(date.ToString(DateText, CultureInfo.InvariantCulture)) : FieldCheck<string?>.Invalid(check.Error!);
    }

    private static FieldCheck<string?> GenderRule(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return FieldCheck<string?>.Ok(null);
        if (!Enum.TryParse<Gender>(input.Trim(), ignoreCase: true, out var gender) || !Enum.IsDefined(gender) || int.TryParse(input, out _))
            return FieldCheck<string?>.Invalid("Gender is female, male, other or unspecified.");
        return FieldCheck<string?>.Ok(gender == Data.Gender.Unspecified ? null : gender.ToString());
    }
}
