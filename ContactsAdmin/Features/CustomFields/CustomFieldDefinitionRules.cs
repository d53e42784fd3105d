using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.CustomFields;

/// <summary>The inputs of a custom field an Admin types, named so an error can sit under its own field.</summary>
public enum CustomFieldInput { Label, Key, Type, Group, HelpText, Options }

/// <summary>
/// What a custom field's label, key, group, help text and options may be. The key is checked by the same rule the API
/// and imports read it with (<see cref="CustomFieldRules.Key"/>).
/// </summary>
public static class CustomFieldDefinitionRules
{
    /// <summary>The widths of the Label and Group columns.</summary>
    public const int LabelMaxLength = 100;
    public const int GroupMaxLength = 100;
    /// <summary>An option is a short word or phrase a select shows; values of a Choice field hold one.</summary>
    public const int OptionMaxLength = 100;
    public const int KeyMaxLength = 64;

    public static bool HasOptions(CustomFieldType type) => type is CustomFieldType.Choice or CustomFieldType.MultiChoice;

    public static FieldCheck<string> CheckLabel(string? input) => CheckName(input, "label", LabelMaxLength, "The label");

    public static FieldCheck<string> CheckGroup(string? input) => CheckName(input, "group", GroupMaxLength, "The group");

    public static FieldCheck<string> CheckKey(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return FieldCheck<string>.Invalid("Give the field a key, e.g. shoe_size.");
        return CustomFieldRules.Key(input);
    }

    /// <summary>An optional line under the field's input: empty means none.</summary>
    public static FieldCheck<string?> CheckHelpText(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text)) return FieldCheck<string?>.Ok(null);
        if (text.Length > CustomFieldDefinition.HelpTextMaxLength)
            return FieldCheck<string?>.Invalid($"The help text can be at most {CustomFieldDefinition.HelpTextMaxLength} characters.");
        if (TextRule.Check(text, "The help text") is { } invisible) return FieldCheck<string?>.Invalid(invisible);
        return FieldCheck<string?>.Ok(text);
    }

    /// <summary>
    /// The options of a list field, trimmed and in the order given: at least one, none blank, no two alike (values
    /// match an option whatever its case, so "Gold" and "gold" would be one). Other types have none.
    /// </summary>
    public static FieldCheck<List<string>> CheckOptions(CustomFieldType type, IEnumerable<string?> input)
    {
        if (!HasOptions(type)) return FieldCheck<List<string>>.Ok([]);
        var options = input.Select(o => o?.Trim() ?? "").ToList();
        if (options.Count == 0) return FieldCheck<List<string>>.Invalid("Add at least one option.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (option.Length == 0) return FieldCheck<List<string>>.Invalid($"Option {i + 1} is empty: fill it in or remove it.");
            if (option.Length > OptionMaxLength)
                return FieldCheck<List<string>>.Invalid($"Option {i + 1} can be at most {OptionMaxLength} characters.");
            if (TextRule.Check(option, $"Option {i + 1}") is { } invisible) return FieldCheck<List<string>>.Invalid(invisible);
            if (!seen.Add(option)) return FieldCheck<List<string>>.Invalid($"The option {option} is listed twice.");
        }
        return FieldCheck<List<string>>.Ok(options);
    }

    /// <summary>The key a label suggests: "Shoe size (EU)" gives shoe_size_eu (accents dropped, other characters joined by one underscore).</summary>
    public static string SuggestKey(string? label) =>
        // A key starts with a letter: "2nd phone" becomes f_2nd_phone.
        SlugRule.Suggest(label, KeyMaxLength, separator: '_', digitPrefix: "f_");

    private static FieldCheck<string> CheckName(string? input, string noun, int maxLength, string label)
    {
        var value = input?.Trim() ?? "";
        if (value.Length == 0) return FieldCheck<string>.Invalid($"Give the field a {noun}.");
        if (value.Length > maxLength) return FieldCheck<string>.Invalid($"{label} can be at most {maxLength} characters.");
        if (TextRule.Check(value, label) is { } invisible) return FieldCheck<string>.Invalid(invisible);
        return FieldCheck<string>.Ok(value);
    }
}
