using System.Globalization;
using System.Text.Json;

namespace ContactsAdmin.Features.Activities;

/// <summary>
/// An activity's details (stored as a JSON object) as the tab shows them: the link clicked, the bounce
/// (type, SMTP code, server diagnostic), and every other value as an event parameter.
/// </summary>
public sealed record ActivityDetails(
    string? Link,
    string? BounceType,
    string? SmtpCode,
    string? Diagnostic,
    IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    public static readonly ActivityDetails None = new(null, null, null, null, []);

    public bool IsEmpty => Link is null && BounceType is null && SmtpCode is null && Diagnostic is null && Parameters.Count == 0;

    /// <summary>
    /// One line for the collapsed row (and its tooltip): the bounce, else the link, else the first parameters; at most
    /// <see cref="LongText.ShownLength"/> characters, the whole being in the expanded row.
    /// </summary>
    public string Summary
    {
        get
        {
            if (BounceType is not null || SmtpCode is not null)
                return LongText.Shorten(string.Join(" · ", new[] { BounceLabel, SmtpCode }.Where(s => !string.IsNullOrEmpty(s))));
            if (Link is not null) return LongText.Shorten(Link);
            return LongText.Shorten(string.Join(", ", Parameters.Take(3).Select(p => $"{LongText.Shorten(p.Key)}: {LongText.Shorten(p.Value)}")));
        }
    }

    public string? BounceLabel => BounceType?.ToLowerInvariant() switch
    {
        null => null,
        "hard" => "Hard bounce",
        "soft" => "Soft bounce",
        var other => other,
    };

    /// <summary>Reads stored details; text that is not a JSON object is shown as it is, as one parameter.</summary>
    public static ActivityDetails Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return None;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return Raw(json);
            string? link = null, bounceType = null, smtpCode = null, diagnostic = null;
            var parameters = new List<KeyValuePair<string, string>>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = Text(property.Value);
                switch (property.Name)
                {
                    case "link": link = value; break;
                    case "bounceType": bounceType = value; break;
                    case "smtpCode": smtpCode = value; break;
                    case "diagnostic": diagnostic = value; break;
                    default: parameters.Add(new(property.Name, value)); break;
                }
            }
            return new ActivityDetails(link, bounceType, smtpCode, diagnostic, parameters);
        }
        catch (JsonException)
        {
            return Raw(json);
        }
    }

    private static ActivityDetails Raw(string text) => None with { Parameters = [new("details", text)] };

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.TryGetDecimal(out var d) ? d.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null => "",
        _ => value.GetRawText(),   // nested objects and arrays as compact JSON
    };
}
