using System.Globalization;
using System.Text.RegularExpressions;
using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Validation;

/// <summary>
/// A custom field value in the column of its type (see <see cref="CustomFieldValue"/>); a multi-choice value is
/// <see cref="Text"/> as <see cref="MultiChoiceValue"/> encodes it.
/// </summary>
public sealed record TypedFieldValue(string? Text = null, double? Number = null, DateOnly? Date = null, bool? Boolean = null)
{
    public void ApplyTo(CustomFieldValue row)
    {
        row.TextValue = Text;
        row.NumberValue = Number;
        row.DateValue = Date;
        row.BoolValue = Boolean;
    }

    /// <summary>The value as users read it: invariant for numbers, ISO for dates, yes/no for booleans.</summary>
    public string Display() =>
        Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        ?? (Boolean is { } b ? (b ? "Yes" : "No") : "");

    public static TypedFieldValue? From(CustomFieldValue? row) =>
        row is null ? null : new TypedFieldValue(row.TextValue, row.NumberValue, row.DateValue, row.BoolValue);
}

/// <summary>Custom field definitions and values, checked the same way on every path (UI, API, import).</summary>
public static partial class CustomFieldRules
{
    public const int TextMaxLength = 1000;

    /// <summary>
    /// Numbers up to a million billion either way: every whole number in range is exact in a double (to 2^53), amounts keep
    /// their cents, and the grid and filters never meet 1e308 or values that print in exponent form.
    /// </summary>
    public const double NumberLimit = 1e15;
    private static readonly string Limit = NumberLimit.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Dates a profile may hold (birthdays, contract ends): outside these a year was mistyped (0202, 20266).</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2200, 12, 31);

    /// <summary>The personalization variable: [a-z][a-z0-9_]{0,63}.</summary>
    public static FieldCheck<string> Key(string? input)
    {
        var value = input?.Trim() ?? "";
        return KeyPattern().IsMatch(value)
            ? FieldCheck<string>.Ok(value)
            : FieldCheck<string>.Invalid("Key must start with a lower-case letter and use only a-z, 0-9 and _ (at most 64 characters).");
    }

    /// <summary>
    /// Reads a value typed as text (a form field, a CSV cell, a JSON scalar) for <paramref name="field"/>.
    /// Empty input clears the value and gives null.
    /// </summary>
    public static FieldCheck<TypedFieldValue?> Value(CustomFieldDefinition field, string? input)
    {
        var value = input?.Trim() ?? "";
        if (value.Length == 0) return FieldCheck<TypedFieldValue?>.Ok(null);
        var label = field.Label.Length > 0 ? field.Label : field.Key;

        switch (field.Type)
        {
            case CustomFieldType.Text:
                return value.Length <= TextMaxLength
                    ? Ok(new TypedFieldValue(Text: value))
                    : Invalid($"{label} can be at most {TextMaxLength} characters.");

            case CustomFieldType.Number:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                    return Invalid($"{label} must be a number, e.g. 1250.50.");
                return Math.Abs(number) <= NumberLimit
                    ? Ok(new TypedFieldValue(Number: number))
                    : Invalid($"{label} must lie between -{Limit} and {Limit}.");

            case CustomFieldType.Date:
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return Invalid($"{label} must be a date as YYYY-MM-DD, e.g. 2026-03-14.");
                return date >= EarliestDate && date <= LatestDate
                    ? Ok(new TypedFieldValue(Date: date))
                    : Invalid($"{label} must lie between {Iso(EarliestDate)} and {Iso(LatestDate)}.");

            case CustomFieldType.Boolean:
                return value.ToLowerInvariant() switch
                {
                    "true" or "yes" or "1" => Ok(new TypedFieldValue(Boolean: true)),
                    "false" or "no" or "0" => Ok(new TypedFieldValue(Boolean: false)),
                    _ => Invalid($"{label} must be yes or no."),
                };

            case CustomFieldType.Choice:
                var option = field.Options.FirstOrDefault(o => o.Equals(value, StringComparison.OrdinalIgnoreCase));
                return option is not null
                    ? Ok(new TypedFieldValue(Text: option))
                    : Invalid($"{label} must be one of: {string.Join(", ", field.Options)}.");

            case CustomFieldType.MultiChoice:
                return MultiChoice(field, label, value);

            default:
                return Invalid($"{label} has an unknown type.");
        }

        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static FieldCheck<TypedFieldValue?> Ok(TypedFieldValue v) => FieldCheck<TypedFieldValue?>.Ok(v);
        static FieldCheck<TypedFieldValue?> Invalid(string e) => FieldCheck<TypedFieldValue?>.Invalid(e);
    }

    /// <summary>
    /// Options one per line (<see cref="MultiChoiceValue"/>): each one of the field's (any case), none twice. The value
    /// keeps the definition's order and spelling, so the same choice always reads and compares the same.
    /// </summary>
    private static FieldCheck<TypedFieldValue?> MultiChoice(CustomFieldDefinition field, string label, string value)
    {
        var chosen = new List<string>();
        foreach (var item in MultiChoiceValue.Decode(value))
        {
            var option = field.Options.FirstOrDefault(o => o.Equals(item, StringComparison.OrdinalIgnoreCase));
            if (option is null)
                return FieldCheck<TypedFieldValue?>.Invalid($"{label}: '{item}' is not an option; choose from: {string.Join(", ", field.Options)}.");
            if (chosen.Contains(option))
                return FieldCheck<TypedFieldValue?>.Invalid($"{label} lists '{option}' twice.");
            chosen.Add(option);
        }
        if (chosen.Count == 0) return FieldCheck<TypedFieldValue?>.Ok(null);
        var stored = MultiChoiceValue.Encode(field.Options.Where(chosen.Contains));
        return stored.Length <= TextMaxLength
            ? FieldCheck<TypedFieldValue?>.Ok(new TypedFieldValue(Text: stored))
            : FieldCheck<TypedFieldValue?>.Invalid($"{label} can hold at most {TextMaxLength} characters of options.");
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();
}
