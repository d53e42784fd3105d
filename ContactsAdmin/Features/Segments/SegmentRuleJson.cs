using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContactsAdmin.Features.Segments;

/// <summary>
/// A rule as it is stored (a segment's definition), sent (the API) and written in the grid's URL (base64url of the
/// same JSON, so a built view can be bookmarked before it is saved). Enums by name, empty parts left out.
/// </summary>
public static class SegmentRuleJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static string Write(SegmentRule rule) => JsonSerializer.Serialize(rule, Options);

    /// <summary>The rule, or null when the text is not one (a stored definition is always one; a URL may be anything).</summary>
    public static SegmentRule? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<SegmentRule>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string ToUrlValue(SegmentRule rule) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Write(rule)));

    public static SegmentRule? FromUrlValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxUrlValueLength) return null;
        try
        {
            return Read(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value)));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A longer rule than any the limits allow is not read from a URL.</summary>
    private const int MaxUrlValueLength = 8_000;
}
