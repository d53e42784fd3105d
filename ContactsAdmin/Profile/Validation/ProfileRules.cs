using System.Text.RegularExpressions;
using ContactsAdmin.Profile.Choices;

namespace ContactsAdmin.Profile.Validation;

/// <summary>The remaining personal-data fields: External ID, country, time zone, language, birth date.</summary>
public static partial class ProfileRules
{
    public const int ExternalIdMaxLength = 128;

    public static FieldCheck<string?> ExternalId(string? input)
    {
        var value = input?.Trim() ?? "";
        if (value.Length == 0) return FieldCheck<string?>.Ok(null);
        if (value.Length > ExternalIdMaxLength)
            return FieldCheck<string?>.Invalid($"External ID can be at most {ExternalIdMaxLength} characters.");
        if (TextRule.Check(value, "External ID") is { } invisible)
            return FieldCheck<string?>.Invalid(invisible);
        return FieldCheck<string?>.Ok(value);
    }

    /// <summary>ISO 3166-1 alpha-2, stored upper-case (UA, DE, US).</summary>
    public static FieldCheck<string?> Country(string? input)
    {
        var value = input?.Trim().ToUpperInvariant() ?? "";
        if (value.Length == 0) return FieldCheck<string?>.Ok(null);
        if (!TwoLetters().IsMatch(value) || ChoiceSearch.Find(CountryChoices.All, value) is null)
            return FieldCheck<string?>.Invalid($"'{input?.Trim()}' is not a country code. Use two letters, e.g. UA, DE or US.");
        return FieldCheck<string?>.Ok(value);
    }

    /// <summary>
    /// An IANA time zone id the server knows, e.g. Europe/Kyiv: one of <see cref="TimeZoneChoices.Ids"/>, or an older
    /// name the server still resolves (Europe/Kiev), so stored values and existing API callers keep working.
    /// </summary>
    public static FieldCheck<string?> TimeZone(string? input)
    {
        var value = input?.Trim() ?? "";
        if (value.Length == 0) return FieldCheck<string?>.Ok(null);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone) || !zone.HasIanaId)
            return FieldCheck<string?>.Invalid($"'{value}' is not a time zone. Use an IANA name, e.g. Europe/Kyiv.");
        return FieldCheck<string?>.Ok(zone.Id);
    }

    /// <summary>A BCP 47 language tag of a known language, normalized (uk-UA, en, pt-BR).</summary>
    public static FieldCheck<string?> Language(string? input)
    {
        var value = input?.Trim().Replace('_', '-') ?? "";
        if (value.Length == 0) return FieldCheck<string?>.Ok(null);
        if (!LanguageChoices.IsTagShaped(value))
            return FieldCheck<string?>.Invalid($"'{value}' is not a language tag. Use e.g. uk-UA, en or pt-BR.");
        return ChoiceSearch.Find(LanguageChoices.All, value) is { } language
            ? FieldCheck<string?>.Ok(language.Value)
            : FieldCheck<string?>.Invalid($"'{value}' is not a known language. Use e.g. uk-UA, en or pt-BR.");
    }

    /// <summary>Free text of an address part (region, city, street, post code): trimmed, at most <paramref name="max"/> characters.</summary>
    public static FieldCheck<string?> FreeText(string? input, string label, int max)
    {
        var value = input?.Trim();
        if (string.IsNullOrEmpty(value)) return FieldCheck<string?>.Ok(null);
        return value.Length <= max ? FieldCheck<string?>.Ok(value) : FieldCheck<string?>.Invalid($"{label} can be at most {max} characters.");
    }

    /// <summary>A birth date in the past, at most 130 years ago.</summary>
    public static FieldCheck<DateOnly?> BirthDate(DateOnly? value, DateOnly today)
    {
        if (value is null) return FieldCheck<DateOnly?>.Ok(null);
        if (value > today) return FieldCheck<DateOnly?>.Invalid("Birth date cannot be in the future.");
        if (value < today.AddYears(-130)) return FieldCheck<DateOnly?>.Invalid("Birth date is more than 130 years ago.");
        return FieldCheck<DateOnly?>.Ok(value);
    }

    /// <summary>Completed years on <paramref name="today"/>.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        return birthDate.AddYears(age) > today ? age - 1 : age;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex TwoLetters();
}
