using ContactsAdmin.Data;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.CustomFields;

/// <summary>A stored value and what it becomes: null removes it (its options were all cleared).</summary>
public sealed record ValueRewrite(TypedFieldValue From, TypedFieldValue? To);

/// <summary>
/// The options contacts hold in a list field's values, and how those values change when options are renamed or removed.
/// Values are read as the edit form's text (<see cref="CustomFieldText"/>), which holds a list field's options one per
/// line (a Choice has one), and written back through the field's own rule, so a value of several options is encoded
/// the one way the rule encodes it.
/// </summary>
public static class OptionValues
{
    /// <summary>The options one stored value holds.</summary>
    public static IReadOnlyList<string> Of(CustomFieldDefinition field, TypedFieldValue value) =>
        CustomFieldText.Of(field, value)?.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>How many contacts hold each option.</summary>
    public static Dictionary<string, int> Held(CustomFieldDefinition field, IEnumerable<StoredValue> values)
    {
        var held = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stored in values)
            foreach (var option in Of(field, stored.Value).Distinct(StringComparer.Ordinal))
                held[option] = held.GetValueOrDefault(option) + stored.Contacts;
        return held;
    }

    /// <summary>
    /// The values that change when each option in <paramref name="map"/> becomes another (or is cleared, null), read by
    /// <paramref name="field"/> as stored and written by <paramref name="changed"/> (the new options). The error says
    /// why a value cannot be written, if one cannot.
    /// </summary>
    public static (List<ValueRewrite> Rewrites, string? Error) Rewrite(CustomFieldDefinition field, CustomFieldDefinition changed,
        IEnumerable<StoredValue> values, IReadOnlyDictionary<string, string?> map)
    {
        var rewrites = new List<ValueRewrite>();
        foreach (var stored in values)
        {
            var options = Of(field, stored.Value);
            if (!options.Any(map.ContainsKey)) continue;
            var mapped = options.Select(o => map.TryGetValue(o, out var to) ? to : o).OfType<string>()
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (mapped.Count == 0)
            {
                rewrites.Add(new ValueRewrite(stored.Value, null));
                continue;
            }
            var check = CustomFieldRules.Value(changed, string.Join('\n', mapped));
            if (!check.IsValid) return ([], check.Error);
            rewrites.Add(new ValueRewrite(stored.Value, check.Value));
        }
        return (rewrites, null);
    }
}
