using System.Globalization;
using System.Text.Json;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Api;

/// <summary>
/// The field errors of one request or bulk item, keyed by the JSON path of the field the caller sent
/// (<c>channels[1].value</c>, <c>fields[0].value</c>): what RFC 7807's validation problem lists.
/// </summary>
public sealed class ApiErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string path, string message)
    {
        if (!errors.TryGetValue(path, out var list)) errors[path] = list = [];
        list.Add(message);
    }

    /// <summary>Takes the value of a valid check; records the error of an invalid one under <paramref name="path"/>.</summary>
    public T Take<T>(string path, FieldCheck<T> check)
    {
        if (!check.IsValid) Add(path, check.Error!);
        return check.Value;
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>Reading loosely typed JSON values (custom field values, event parameters) as the text the shared rules take.</summary>
public static class JsonText
{
    /// <summary>A scalar as text (numbers in their JSON form, booleans as true/false); null for null; false for objects and arrays.</summary>
    public static bool TryRead(JsonElement? element, out string? text)
    {
        text = null;
        if (element is not { } value) return true;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined: return true;
            case JsonValueKind.String: text = value.GetString(); return true;
            case JsonValueKind.Number: text = value.GetRawText(); return true;
            case JsonValueKind.True: text = "true"; return true;
            case JsonValueKind.False: text = "false"; return true;
            default: return false;
        }
    }

    /// <summary>A field's id: its numeric id, or its key.</summary>
    public static (int? Id, string? Key) ReadFieldId(JsonElement? element)
    {
        if (element is not { } value) return (null, null);
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var id) => (id, null),
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => (id, null),
            JsonValueKind.String => (null, value.GetString()),
            _ => (null, null),
        };
    }
}
