using System.Globalization;
using System.Text;

namespace ContactsAdmin.Features.Contacts.Merging;

/// <summary>A rule that makes two contacts look alike, with how sure it is (0 to 100).</summary>
public sealed record DuplicateRule(string Name, string Reason, int Score)
{
    public static readonly DuplicateRule Email = new("email", "Same email once dots and +tags are ignored", 95);
    public static readonly DuplicateRule NameAndBirthDate = new("name-birth", "Same name and birth date", 80);
    public static readonly DuplicateRule NameAndCity = new("name-city", "Same name and city", 60);

    public static IReadOnlyList<DuplicateRule> All { get; } = [Email, NameAndBirthDate, NameAndCity];

    /// <summary>Several rules matching make a surer match: 1 − the product of each rule's doubt.</summary>
    public static int Combine(IEnumerable<DuplicateRule> rules) =>
        (int)Math.Round(100 * (1 - rules.Aggregate(1.0, (doubt, rule) => doubt * (100 - rule.Score) / 100.0)));
}

/// <summary>
/// The keys two contacts share when they look alike, pure functions of a contact's columns: the scan groups contacts
/// by them. Phones need none: the store holds each E.164 number once already.
/// </summary>
public static class DuplicateMatchKeys
{
    /// <summary>Mail providers that deliver a.b+news@ to ab@: which ignore dots, and which cut a +tag. One place to list them.</summary>
    private static readonly Dictionary<string, (string Canonical, bool IgnoresDots)> Providers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gmail.com"] = ("gmail.com", true),
        ["googlemail.com"] = ("gmail.com", true),
        ["outlook.com"] = ("outlook.com", false),
        ["hotmail.com"] = ("hotmail.com", false),
        ["yahoo.com"] = ("yahoo.com", false),
        ["icloud.com"] = ("icloud.com", false),
        ["fastmail.com"] = ("fastmail.com", false),
    };

    /// <summary>
    /// The address as its provider reads it (gmail: no dots, no +tag, googlemail is gmail); null for other providers,
    /// whose addresses are unique in the store once lower-cased.
    /// </summary>
    public static string? Email(string? normalizedEmail)
    {
        if (normalizedEmail is null) return null;
        var at = normalizedEmail.LastIndexOf('@');
        if (at <= 0 || !Providers.TryGetValue(normalizedEmail[(at + 1)..], out var provider)) return null;
        var local = normalizedEmail[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0) local = local[..plus];
        if (provider.IgnoresDots) local = local.Replace(".", "", StringComparison.Ordinal);
        return local.Length == 0 ? null : $"{local}@{provider.Canonical}";
    }

    public static string? NameAndCity(string? firstName, string? lastName, string? city) =>
        Name(firstName, lastName) is { } name && Fold(city) is { } town ? $"{name}|{town}" : null;

    public static string? NameAndBirthDate(string? firstName, string? lastName, DateOnly? birthDate) =>
        Name(firstName, lastName) is { } name && birthDate is { } date ? $"{name}|{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : null;

    /// <summary>Both names, case- and accent-insensitive; null unless both are there (a first name alone matches too many).</summary>
    private static string? Name(string? firstName, string? lastName) =>
        Fold(firstName) is { } first && Fold(lastName) is { } last ? $"{first} {last}" : null;

    /// <summary>Lower case, accents off, spaces collapsed: "  Zoë  Ångström" and "zoe angstrom" fold alike.</summary>
    public static string? Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    /// <summary>A 64-bit FNV-1a hash of a rule's key: a million contacts' keys fit in memory as numbers, not strings.</summary>
    public static ulong Hash(DuplicateRule rule, string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in rule.Name + "\n" + key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
