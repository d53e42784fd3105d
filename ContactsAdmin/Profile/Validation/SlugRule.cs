using System.Globalization;
using System.Text;

namespace ContactsAdmin.Profile.Validation;

/// <summary>
/// The key of a widget or a form: what a website's script or a form's URL names it by, so lowercase letters,
/// digits and hyphens, starting with a letter (it reads the same in a URL, an HTML attribute or a log).
/// </summary>
public static class SlugRule
{
    /// <param name="what">"widget" or "form", for the messages.</param>
    public static FieldCheck<string> Check(string? input, int maxLength, string what)
    {
        var key = input?.Trim() ?? "";
        if (key.Length == 0) return FieldCheck<string>.Invalid($"Give the {what} a key, e.g. spring-sale.");
        if (key.Length > maxLength) return FieldCheck<string>.Invalid($"The key can be at most {maxLength} characters.");
        if (!IsLower(key[0]) || !key.All(c => IsLower(c) || char.IsAsciiDigit(c) || c == '-'))
            return FieldCheck<string>.Invalid("Use lowercase letters, digits and hyphens, starting with a letter.");
        return FieldCheck<string>.Ok(key);
    }

    /// <summary>The key a name suggests: "Spring sale!" gives spring-sale (accents dropped, other characters joined by one hyphen).</summary>
    public static string Suggest(string? name, int maxLength) => Suggest(name, maxLength, separator: '-', digitPrefix: "k-");

    /// <summary>
    /// The key a name suggests, for every kind of key (widgets and forms by hyphens; categories and custom fields by
    /// underscores): accents dropped, lowercase letters and digits kept, anything else joined by one
    /// <paramref name="separator"/>, and <paramref name="digitPrefix"/> in front when it would not start with a letter.
    /// </summary>
    public static string Suggest(string? name, int maxLength, char separator, string digitPrefix)
    {
        var key = new StringBuilder();
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (IsLower(c) || char.IsAsciiDigit(c)) key.Append(c);
            else if (key.Length > 0 && key[^1] != separator) key.Append(separator);
        }
        var slug = key.ToString().Trim(separator);
        if (slug.Length > 0 && !IsLower(slug[0])) slug = digitPrefix + slug;
        return slug.Length > maxLength ? slug[..maxLength].TrimEnd(separator) : slug;
    }

    private static bool IsLower(char c) => c is >= 'a' and <= 'z';
}
