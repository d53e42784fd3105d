using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactsAdmin.Profile.Choices;

/// <summary>
/// The languages a profile may name, as BCP 47 tags the runtime knows (language[-script][-region]), with their English
/// names: "uk - Ukrainian", "pt-BR - Portuguese (Brazil)". The language rule accepts exactly these.
/// </summary>
public static partial class LanguageChoices
{
    public static IReadOnlyList<Choice> All { get; } =
    [
        .. CultureInfo.GetCultures(CultureTypes.AllCultures)
            .Where(c => LanguageTag().IsMatch(c.Name))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(c => new Choice(c.Name, $"{c.Name} - {c.EnglishName}")),
    ];

    /// <summary>True when <paramref name="tag"/> has the shape of a tag profiles use (it may still be unknown).</summary>
    public static bool IsTagShaped(string tag) => LanguageTag().IsMatch(tag);

    // language[-script][-region], the subset of BCP 47 that profiles use.
    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$")]
    private static partial Regex LanguageTag();
}
