using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Forms;

/// <summary>The inputs of a form an Admin types, named so an error can sit under its own field.</summary>
public enum FormInput { Name, Key, Categories, Origins }

/// <summary>What a subscription form's key, name, categories and allowed origins may be.</summary>
public static class FormRules
{
    // The column sizes SubscriptionFormConfiguration declares.
    public const int KeyMaxLength = 64;
    public const int NameMaxLength = 100;

    /// <summary>A form is embedded on a handful of sites; more origins than this is a paste gone wrong.</summary>
    public const int MaxOrigins = 20;

    public static FieldCheck<string> CheckName(string? input)
    {
        var name = input?.Trim() ?? "";
        if (name.Length == 0) return FieldCheck<string>.Invalid("Give the form a name.");
        if (name.Length > NameMaxLength) return FieldCheck<string>.Invalid($"The name can be at most {NameMaxLength} characters.");
        if (TextRule.Check(name, "The name") is { } invisible) return FieldCheck<string>.Invalid(invisible);
        return FieldCheck<string>.Ok(name);
    }

    public static FieldCheck<string> CheckKey(string? input) => SlugRule.Check(input, KeyMaxLength, "form");

    public static string SuggestKey(string? name) => SlugRule.Suggest(name, KeyMaxLength);

    /// <summary>
    /// The web origins whose pages may post to the form, one per line (or separated by spaces or commas), each
    /// scheme://host[:port] as a browser sends it in its Origin header: http or https, no path, query or user. A
    /// trailing slash is dropped; the scheme and host are lowercased and a default port is left out, so the stored
    /// text matches the header exactly.
    /// </summary>
    public static FieldCheck<List<string>> CheckOrigins(string? input)
    {
        var origins = new List<string>();
        foreach (var item in (input ?? "").Split(['\n', '\r', ' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Origin(item) is not { } origin)
                return FieldCheck<List<string>>.Invalid($"{item} is not a web origin: write scheme://host[:port], e.g. https://www.example.com, with no path.");
            if (!origins.Contains(origin)) origins.Add(origin);
        }
        if (origins.Count > MaxOrigins) return FieldCheck<List<string>>.Invalid($"At most {MaxOrigins} origins.");
        return FieldCheck<List<string>>.Ok(origins);
    }

    private static string? Origin(string text)
    {
        var trimmed = text.EndsWith('/') ? text[..^1] : text;
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme is not ("http" or "https") || uri.Host.Length == 0 || uri.UserInfo.Length > 0) return null;
        // Anything after the authority (a path, a query, a fragment) is not part of an origin.
        if (uri.PathAndQuery != "/" || uri.Fragment.Length > 0 || trimmed.EndsWith('/') || trimmed.Contains('?') || trimmed.Contains('#')) return null;
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
