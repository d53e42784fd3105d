using System.Globalization;

namespace ContactsAdmin.Profile.Choices;

/// <summary>
/// The countries and territories the runtime knows by an ISO 3166-1 alpha-2 code, with their English names:
/// "UA - Ukraine". The country rule accepts exactly these.
/// </summary>
public static class CountryChoices
{
    public static IReadOnlyList<Choice> All { get; } =
    [
        .. TwoLetterCodes()
            .Select(Region)
            .OfType<RegionInfo>()
            .Select(r => new Choice(r.TwoLetterISORegionName, $"{r.TwoLetterISORegionName} - {r.EnglishName}")),
    ];

    /// <summary>The English name of a stored code, e.g. "Ukraine"; null when the code is not in the list.</summary>
    public static string? NameOf(string code) =>
        ChoiceSearch.Find(All, code) is { } choice ? choice.Label[(choice.Value.Length + 3)..] : null;

    // The runtime has no list of its regions, so every pair of letters is asked once.
    private static IEnumerable<string> TwoLetterCodes() =>
        from first in Enumerable.Range('A', 26)
        from second in Enumerable.Range('A', 26)
        select $"{(char)first}{(char)second}";

    private static RegionInfo? Region(string code)
    {
        try
        {
            var region = new RegionInfo(code);
            return region.TwoLetterISORegionName == code ? region : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
