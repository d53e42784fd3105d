using System.Text.Json;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// The contact's own fields as a payload sends them, by their API path ("firstName", "address.town"). A key inside a
/// nested object (the address) that no field has is refused by name, never silently dropped; keys at the top that no
/// field has are left alone, as they were before the fields came from the table.
/// </summary>
internal sealed class ApiPaths
{
    private readonly Dictionary<string, JsonElement> values = new(StringComparer.OrdinalIgnoreCase);

    private ApiPaths() { }

    public static ApiPaths Of(IReadOnlyDictionary<string, JsonElement>? sent, IReadOnlyList<ProfileField> fields, ApiErrors errors)
    {
        var paths = new ApiPaths();
        var known = fields.SelectMany(f => new[] { f.ApiPath, f.ApiAlias }).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var parents = known.Where(p => p.Contains('.')).Select(Parent).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, element) in sent ?? new Dictionary<string, JsonElement>())
        {
            if (!parents.Contains(key))
            {
                paths.values[key] = element;
                continue;
            }
            if (element.ValueKind == JsonValueKind.Null) continue;
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Add(key, $"Send {key} as an object of its parts.");
                continue;
            }
            foreach (var property in element.EnumerateObject())
            {
                var path = $"{key}.{property.Name}";
                if (known.Contains(path)) paths.values[path] = property.Value;
                else errors.Add(path, UnknownKey(key, fields));
            }
        }
        return paths;
    }

    /// <summary>
    /// The path and text sent for a field (under its path or its alias), or null when it was left out. Both names with
    /// different values, or a value that is not a JSON string, is an error.
    /// </summary>
    public (string Path, string Input)? Find(ProfileField field, ApiErrors errors)
    {
        var main = Text(field.ApiPath, field, errors);
        var alias = field.ApiAlias is { } aliasPath ? Text(aliasPath, field, errors) : null;
        if (alias is null) return main is null ? null : (field.ApiPath, main);
        if (main is not null && main != alias) errors.Add(field.ApiAlias!, $"Send {field.ApiPath} or {field.ApiAlias}, not both with different values.");
        return (field.ApiAlias!, main ?? alias);
    }

    private string? Text(string path, ProfileField field, ApiErrors errors)
    {
        if (!values.TryGetValue(path, out var element) || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind == JsonValueKind.String) return element.GetString();
        errors.Add(path, $"{field.Label} must be text (a JSON string).");
        return null;
    }

    /// <summary>"Unknown address key: use country, region, town (or city), address (or street) and postcode."</summary>
    private static string UnknownKey(string parent, IReadOnlyList<ProfileField> fields)
    {
        var names = fields.Where(f => f.ApiPath.Contains('.') && Parent(f.ApiPath).Equals(parent, StringComparison.OrdinalIgnoreCase))
            .Select(f => f.ApiAlias is { } alias ? $"{Child(f.ApiPath)} (or {Child(alias)})" : Child(f.ApiPath))
            .ToList();
        var list = names.Count > 1 ? $"{string.Join(", ", names[..^1])} and {names[^1]}" : string.Concat(names);
        return $"Unknown {parent} key: use {list}.";
    }

    private static string Parent(string path) => path[..path.IndexOf('.')];
    private static string Child(string path) => path[(path.IndexOf('.') + 1)..];
}
