using ContactsAdmin.Profile.Choices;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Tests.Profile.Choices;

/// <summary>The time-zone, language and country lists the pickers show, and their agreement with the rules the API applies.</summary>
public class PickerListTests
{
    private static readonly DateTimeOffset Winter = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Summer = new(2026, 7, 15, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Europe/Kyiv", "winter", "Europe/Kyiv (UTC+02:00)")]
    [InlineData("Europe/Kyiv", "summer", "Europe/Kyiv (UTC+03:00)")]
    [InlineData("America/New_York", "winter", "America/New_York (UTC-05:00)")]
    [InlineData("Asia/Kolkata", "summer", "Asia/Kolkata (UTC+05:30)")]
    [InlineData("UTC", "winter", "UTC (UTC+00:00)")]
    public void A_time_zone_reads_with_its_offset_at_that_moment(string id, string season, string label)
    {
        var zones = TimeZoneChoices.At(season == "winter" ? Winter : Summer);

        Assert.Equal(label, ChoiceSearch.Find(zones, id)?.Label);
    }

    [Fact]
    public void Languages_and_countries_read_as_code_and_english_name()
    {
        Assert.Equal("uk - Ukrainian", ChoiceSearch.Find(LanguageChoices.All, "uk")?.Label);
        Assert.Equal("pt-BR - Portuguese (Brazil)", ChoiceSearch.Find(LanguageChoices.All, "pt-BR")?.Label);
        Assert.Equal("UA - Ukraine", ChoiceSearch.Find(CountryChoices.All, "UA")?.Label);
        Assert.Equal("Ukraine", CountryChoices.NameOf("UA"));
    }

    [Fact]
    public void Every_entry_of_each_picker_is_accepted_by_the_fields_rule_as_it_is()
    {
        Assert.True(TimeZoneChoices.Ids.Count > 300);
        Assert.True(LanguageChoices.All.Count > 300);
        Assert.True(CountryChoices.All.Count > 240);
        Assert.All(TimeZoneChoices.Ids, id => Assert.Equal(id, ProfileRules.TimeZone(id).Value));
        Assert.All(LanguageChoices.All, language => Assert.Equal(language.Value, ProfileRules.Language(language.Value).Value));
        Assert.All(CountryChoices.All, country => Assert.Equal(country.Value, ProfileRules.Country(country.Value).Value));
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("ZZ")]
    [InlineData("QO")]
    public void A_country_code_the_picker_does_not_list_is_refused(string code)
    {
        Assert.Null(ChoiceSearch.Find(CountryChoices.All, code));
        Assert.False(ProfileRules.Country(code).IsValid);
    }

    [Fact]
    public void Typing_part_of_a_name_finds_it_and_a_code_that_starts_so_comes_first()
    {
        var zones = TimeZoneChoices.At(Winter);

        Assert.Contains("America/New_York", ChoiceSearch.Matching(zones, "new york").Select(c => c.Value));
        Assert.Equal("uk", ChoiceSearch.Matching(LanguageChoices.All, "uk").First().Value);
        Assert.Contains("uk", ChoiceSearch.Matching(LanguageChoices.All, "ukrain").Select(c => c.Value));
        Assert.Equal("UA", ChoiceSearch.Matching(CountryChoices.All, "ukraine").Single().Value);
        Assert.Equal(zones.Count, ChoiceSearch.Matching(zones, " ").Count());
    }
}
