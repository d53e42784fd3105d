using System.Globalization;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Tests.Profile.Validation;

public class ProfileRulesTests
{
    [Theory]
    [InlineData("ua", "UA")]
    [InlineData("DE", "DE")]
    public void Country_codes_are_two_letter_ISO_codes_stored_upper_case(string input, string stored)
    {
        Assert.Equal(stored, ProfileRules.Country(input).Value);
    }

    [Theory]
    [InlineData("Ukraine")]
    [InlineData("XX")]
    [InlineData("U")]
    public void Unknown_countries_are_refused(string input)
    {
        Assert.False(ProfileRules.Country(input).IsValid);
    }

    [Theory]
    [InlineData("Europe/Kyiv")]
    [InlineData("America/New_York")]
    [InlineData("UTC")]
    public void IANA_time_zones_are_accepted(string zone)
    {
        Assert.True(ProfileRules.TimeZone(zone).IsValid, ProfileRules.TimeZone(zone).Error);
    }

    [Theory]
    [InlineData("Kyiv")]
    [InlineData("Europe/Atlantis")]
    public void Unknown_time_zones_are_refused(string zone)
    {
        Assert.Contains("is not a time zone", ProfileRules.TimeZone(zone).Error);
    }

    [Theory]
    [InlineData("uk-UA", "uk-UA")]
    [InlineData("en", "en")]
    [InlineData("pt_br", "pt-BR")]
    public void Language_tags_are_normalized(string input, string stored)
    {
        Assert.Equal(stored, ProfileRules.Language(input).Value);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("zz-ZZ")]
    [InlineData("u")]
    public void Unknown_languages_are_refused(string input)
    {
        Assert.False(ProfileRules.Language(input).IsValid);
    }

    [Fact]
    public void Birth_dates_in_the_future_are_refused_and_today_is_accepted()
    {
        var today = new DateOnly(2026, 11, 29);

        Assert.True(ProfileRules.BirthDate(today, today).IsValid);
        Assert.Equal("Birth date cannot be in the future.", ProfileRules.BirthDate(today.AddDays(1), today).Error);
        Assert.False(ProfileRules.BirthDate(today.AddYears(-131), today).IsValid);
    }

    [Theory]
    [InlineData("1992-11-29", 34)]
    [InlineData("1992-11-30", 33)]
    [InlineData("2024-02-29", 2)]
    public void Age_counts_completed_years(string birthDate, int age)
    {
        Assert.Equal(age, ProfileRules.AgeOn(DateOnly.Parse(birthDate, CultureInfo.InvariantCulture), new DateOnly(2026, 11, 29)));
    }
}
