using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Tests.Profile.Validation;

public class EventTypeKeyRuleTests
{
    [Theory]
    [InlineData("AddToCart")]
    [InlineData("page_viewed")]
    [InlineData("Order Placed")]
    [InlineData("Замовлення")]
    public void Ordinary_event_types_are_accepted(string key)
    {
        Assert.Equal(key, EventTypeKeyRule.Check($"  {key} ").Value);
    }

    [Theory]
    [InlineData("<")]
    [InlineData(">")]
    [InlineData(";")]
    [InlineData("'")]
    [InlineData("\\")]
    [InlineData("/")]
    [InlineData("|")]
    [InlineData("\"")]
    [InlineData("`")]
    [InlineData("^")]
    [InlineData("?")]
    [InlineData("!")]
    [InlineData(",")]
    public void Each_forbidden_character_is_refused_and_named(string character)
    {
        var check = EventTypeKeyRule.Check($"Add{character}ToCart");

        Assert.False(check.IsValid);
        Assert.Contains($"'{character}'", check.Error);
    }

    [Fact]
    public void At_most_100_characters()
    {
        Assert.True(EventTypeKeyRule.Check(new string('a', 100)).IsValid);
        Assert.Contains("at most 100", EventTypeKeyRule.Check(new string('a', 101)).Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void An_empty_event_type_is_refused(string? key)
    {
        Assert.False(EventTypeKeyRule.Check(key).IsValid);
    }
}
