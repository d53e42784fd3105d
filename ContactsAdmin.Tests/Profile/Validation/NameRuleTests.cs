using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Tests.Profile.Validation;

public class NameRuleTests
{
    [Theory]
    [InlineData("Olena")]
    [InlineData("Олена")]
    [InlineData("Zoë")]
    [InlineData("O'Brien")]
    [InlineData("D’Angelo")]
    [InlineData("Jean-Luc")]
    [InlineData("Mary Ann")]
    [InlineData("Martin Luther King Jr.")]
    [InlineData("St. John")]
    [InlineData("Henry 3")]
    [InlineData("李小龍")]
    [InlineData("José")]
    [InlineData("नमस्ते")]
    public void Names_in_any_alphabet_with_inner_apostrophes_hyphens_and_short_abbreviations_are_accepted(string name)
    {
        var check = NameRule.Check(name);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(name, check.Value);
    }

    [Fact]
    public void A_name_of_exactly_40_characters_is_accepted_and_41_is_refused()
    {
        Assert.True(NameRule.Check(new string('a', 40)).IsValid);

        var tooLong = NameRule.Check(new string('a', 41), "First name");

        Assert.Equal("First name can be at most 40 characters.", tooLong.Error);
    }

    [Fact]
    public void Three_digits_are_allowed_and_four_are_not()
    {
        Assert.True(NameRule.Check("Agent 007").IsValid);
        Assert.Contains("at most 3 digits", NameRule.Check("Agent 0070").Error);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("123")]
    [InlineData("---")]
    [InlineData("!!!")]
    public void A_value_of_only_digits_or_symbols_is_refused(string name)
    {
        Assert.False(NameRule.Check(name).IsValid);
    }

    [Theory]
    [InlineData("-Anna", "inside a word")]
    [InlineData("Anna-", "inside a word")]
    [InlineData("O''Brien", "inside a word")]
    [InlineData("Anna - Maria", "inside a word")]
    [InlineData("Alexander.", "short word")]
    [InlineData("J.R.R.", "short word")]
    [InlineData("Anna@", "cannot contain '@'")]
    [InlineData("<script>", "cannot contain '<'")]
    public void Misplaced_punctuation_and_symbols_are_refused_with_the_reason(string name, string reason)
    {
        var check = NameRule.Check(name, "Last name");

        Assert.False(check.IsValid);
        Assert.Contains(reason, check.Error);
        Assert.StartsWith("Last name", check.Error);
    }

    [Fact]
    public void Surrounding_and_repeated_spaces_are_tidied_and_empty_means_no_name()
    {
        Assert.Equal("Mary Ann", NameRule.Check("  Mary   Ann ").Value);
        Assert.Null(NameRule.Check("   ").Value);
        Assert.True(NameRule.Check(null).IsValid);
    }
}
