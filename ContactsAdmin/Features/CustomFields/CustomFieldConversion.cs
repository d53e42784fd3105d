using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.CustomFields;

/// <summary>One distinct stored value of a field and how many contacts hold it.</summary>
public sealed record StoredValue(TypedFieldValue Value, int Contacts);

/// <summary>What changing a field's type would do to its stored values.</summary>
public sealed record ConversionPlan(IReadOnlyList<(StoredValue From, TypedFieldValue To)> Converted, int Failing, IReadOnlyList<string> Examples)
{
    public const int ExampleCount = 3;

    public bool Converts => Failing == 0;
}

/// <summary>
/// Changing a field's type keeps a value only when it reads as the new type: each value is written as the text the edit
/// form shows (<see cref="CustomFieldText.Of(CustomFieldDefinition, TypedFieldValue)"/>) and read back through the new
/// type's rule (<see cref="CustomFieldRules.Value"/>), the same rule a person typing it would meet. So text becomes a
/// number only where it is one, a choice only where it is an option, and numbers, dates and yes/no become text always.
/// </summary>
public static class CustomFieldConversion
{
    public static ConversionPlan Plan(CustomFieldDefinition from, CustomFieldDefinition to, IEnumerable<StoredValue> values)
    {
        var converted = new List<(StoredValue, TypedFieldValue)>();
        var failing = 0;
        var examples = new List<string>();
        foreach (var stored in values)
        {
            var text = CustomFieldText.Of(from, stored.Value);
            var check = CustomFieldRules.Value(to, text);
            if (check is { IsValid: true, Value: { } value })
            {
                converted.Add((stored, value));
                continue;
            }
            failing += stored.Contacts;
            if (examples.Count < ConversionPlan.ExampleCount) examples.Add(text ?? "");
        }
        return new ConversionPlan(converted, failing, examples);
    }

    /// <summary>"3 values do not convert to Number, e.g. “abc”, “n/a”."</summary>
    public static string Refusal(ConversionPlan plan, CustomFieldType to)
    {
        var count = plan.Failing.ToString("N0", CultureInfo.CurrentCulture);
        var values = plan.Failing == 1 ? "value does" : "values do";
        var examples = string.Join(", ", plan.Examples.Select(e => $"“{Shorten(e)}”"));
        return $"{count} stored {values} not convert to {CustomFieldTypeLabel.Of(to)}, e.g. {examples}. Fix or clear them first.";
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..39] + "…";
}
