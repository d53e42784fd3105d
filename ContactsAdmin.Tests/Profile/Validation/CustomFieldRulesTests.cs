using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Tests.Profile.Validation;

public class CustomFieldRulesTests
{
    private static CustomFieldDefinition Field(CustomFieldType type, params string[] options) =>
        new() { Key = "field", Label = "Field", Type = type, Options = [.. options] };

    [Fact]
    public void Text_keeps_up_to_1000_characters_and_refuses_more()
    {
        var text = Field(CustomFieldType.Text);

        Assert.Equal(new string('t', 1000), CustomFieldRules.Value(text, new string('t', 1000)).Value!.Text);
        Assert.Equal("Field can be at most 1000 characters.", CustomFieldRules.Value(text, new string('t', 1001)).Error);
    }

    [Fact]
    public void Text_is_stored_as_typed_even_when_it_looks_like_markup()
    {
        Assert.Equal("<script>alert(1)</script>", CustomFieldRules.Value(Field(CustomFieldType.Text), "<script>alert(1)</script>").Value!.Text);
    }

    [Theory]
    [InlineData("0", 0d)]
    [InlineData("-12.5", -12.5)]
    [InlineData("1e3", 1000d)]
    public void Numbers_are_read_in_invariant_format(string input, double expected)
    {
        Assert.Equal(expected, CustomFieldRules.Value(Field(CustomFieldType.Number), input).Value!.Number);
    }

    [Theory]
    [InlineData("twelve")]
    [InlineData("12,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Non_numbers_are_refused(string input)
    {
        Assert.Equal("Field must be a number, e.g. 1250.50.", CustomFieldRules.Value(Field(CustomFieldType.Number), input).Error);
    }

    [Fact]
    public void Dates_are_ISO_and_impossible_dates_are_refused()
    {
        var date = Field(CustomFieldType.Date);

        Assert.Equal(new DateOnly(2024, 2, 29), CustomFieldRules.Value(date, "2024-02-29").Value!.Date);
        Assert.False(CustomFieldRules.Value(date, "2026-02-29").IsValid);
        Assert.False(CustomFieldRules.Value(date, "29.02.2024").IsValid);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("True", true)]
    [InlineData("1", true)]
    [InlineData("no", false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void Booleans_accept_yes_no_true_false_and_1_0(string input, bool expected)
    {
        Assert.Equal(expected, CustomFieldRules.Value(Field(CustomFieldType.Boolean), input).Value!.Boolean);
    }

    [Fact]
    public void A_boolean_refuses_other_words()
    {
        Assert.Equal("Field must be yes or no.", CustomFieldRules.Value(Field(CustomFieldType.Boolean), "maybe").Error);
    }

    [Fact]
    public void A_choice_takes_one_of_its_options_in_their_own_spelling()
    {
        var tier = Field(CustomFieldType.Choice, "bronze", "Silver", "gold");

        Assert.Equal("Silver", CustomFieldRules.Value(tier, "silver").Value!.Text);
        Assert.Equal("Field must be one of: bronze, Silver, gold.", CustomFieldRules.Value(tier, "platinum").Error);
    }

    [Fact]
    public void Empty_input_clears_the_value_for_every_type()
    {
        foreach (var type in Enum.GetValues<CustomFieldType>())
        {
            var check = CustomFieldRules.Value(Field(type, "a"), "  ");
            Assert.True(check.IsValid);
            Assert.Null(check.Value);
        }
    }

    [Theory]
    [InlineData("loyalty_tier", true)]
    [InlineData("a", true)]
    [InlineData("Loyalty", false)]
    [InlineData("1tier", false)]
    [InlineData("tier-2", false)]
    [InlineData("", false)]
    public void Field_keys_follow_the_personalization_variable_pattern(string key, bool valid)
    {
        Assert.Equal(valid, CustomFieldRules.Key(key).IsValid);
    }

    [Fact]
    public void A_key_of_64_characters_is_accepted_and_65_is_refused()
    {
        Assert.True(CustomFieldRules.Key("k" + new string('x', 63)).IsValid);
        Assert.False(CustomFieldRules.Key("k" + new string('x', 64)).IsValid);
    }

    [Fact]
    public void Several_of_a_list_keeps_the_fields_order_and_spelling_of_the_options_chosen()
    {
        var interests = Field(CustomFieldType.MultiChoice, "sport", "Travel", "art");

        Assert.Equal("\nsport\nart\n", CustomFieldRules.Value(interests, "ART\nsport").Value!.Text);
        Assert.Equal("\nTravel\n", CustomFieldRules.Value(interests, " travel ").Value!.Text);
    }

    [Fact]
    public void Several_of_a_list_refuses_an_option_it_does_not_have_and_an_option_twice()
    {
        var interests = Field(CustomFieldType.MultiChoice, "sport", "travel");

        Assert.Equal("Field: 'golf' is not an option; choose from: sport, travel.", CustomFieldRules.Value(interests, "sport\ngolf").Error);
        Assert.Equal("Field lists 'sport' twice.", CustomFieldRules.Value(interests, "sport\nSport").Error);
    }

    [Fact]
    public void Several_of_a_list_reads_back_as_one_option_a_line_and_shows_as_a_comma_list()
    {
        var interests = Field(CustomFieldType.MultiChoice, "sport", "travel");
        var typed = CustomFieldRules.Value(interests, "travel\nsport").Value!;
        var text = ContactsAdmin.Profile.Fields.CustomFieldText.Of(interests, typed);

        Assert.Equal("sport\ntravel", text);
        Assert.Equal(typed, CustomFieldRules.Value(interests, text).Value);
        Assert.Equal("sport, travel", ContactsAdmin.Profile.Fields.CustomFieldText.Readable(interests, text));
    }
}
