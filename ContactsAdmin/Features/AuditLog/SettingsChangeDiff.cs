using System.Text.Json;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.AuditLog;

/// <summary>One property of a setting as the audit page shows it: its value before and after (null where absent).</summary>
public sealed record ChangedProperty(string Name, string? Before, string? After);

/// <summary>
/// Turns an entry's before and after snapshots into the properties that differ, so the page shows "Label: Tier → Level"
/// rather than two JSON documents. A creation lists every property with its new value, a deletion with its old one.
/// </summary>
public static class SettingsChangeDiff
{
    public static IReadOnlyList<ChangedProperty> Of(SettingsChange change)
    {
        var before = Properties(change.Before);
        var after = Properties(change.After);
        var names = before.Keys.Concat(after.Keys.Where(k => !before.ContainsKey(k)));
        return names
            .Select(name => new ChangedProperty(name, before.GetValueOrDefault(name), after.GetValueOrDefault(name)))
            .Where(p => p.Before != p.After || change.Before is null || change.After is null)
            .ToList();
    }

    private static Dictionary<string, string?> Properties(string? snapshot)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(snapshot)) return properties;
        try
        {
            using var document = JsonDocument.Parse(snapshot);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return Whole(snapshot);
            foreach (var property in document.RootElement.EnumerateObject())
                properties[property.Name] = Text(property.Value);
        }
        catch (JsonException)
        {
            // A snapshot cut at the column's size is no longer JSON: show it as it is.
            return Whole(snapshot);
        }
        return properties;
    }

    private static Dictionary<string, string?> Whole(string snapshot) => new() { ["Value"] = snapshot };

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };
}
