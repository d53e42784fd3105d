using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Tests.Profile.Validation;

public class IdentifierRulesTests
{
    [Theory]
    [InlineData(" Olena.Koval@Example.COM ", "Olena.Koval@example.com")]
    [InlineData("a@b.co", "a@b.co")]
    [InlineData("first+tag@sub.example.org", "first+tag@sub.example.org")]
    public void Emails_are_trimmed_and_their_domain_lower_cased(string input, string stored)
    {
        Assert.Equal(stored, EmailRule.Check(input).Value);
    }

    [Fact]
    public void The_email_key_is_fully_lower_case_so_uniqueness_ignores_case()
    {
        Assert.Equal("olena.koval@example.com", EmailRule.Key("Olena.Koval@example.com"));
    }

    [Theory]
    [InlineData("olena")]
    [InlineData("olena@")]
    [InlineData("@example.com")]
    [InlineData("olena@example")]
    [InlineData("olena koval@example.com")]
    [InlineData("olena..koval@example.com")]
    [InlineData("Olena <olena@example.com>")]
    public void Malformed_emails_are_refused(string input)
    {
        Assert.False(EmailRule.Check(input).IsValid);
    }

    [Fact]
    public void An_email_of_254_characters_is_accepted_and_255_is_refused()
    {
        var domain = "@" + new string('d', 60) + "." + new string('e', 60) + "." + new string('f', 60) + ".com";
        var at254 = new string('a', 254 - domain.Length) + domain;
        Assert.Equal(254, at254.Length);

        Assert.True(EmailRule.Check(at254).IsValid, EmailRule.Check(at254).Error);
        Assert.Equal("Email can be at most 254 characters.", EmailRule.Check("a" + at254).Error);
    }

    [Theory]
    [InlineData("+380501234567", "UA", "+380501234567")]
    [InlineData("050 123 45 67", "UA", "+380501234567")]
    [InlineData("(050) 123-45-67", "UA", "+380501234567")]
    [InlineData("+1 650-253-0000", "UA", "+16502530000")]
    [InlineData("030 123456", "DE", "+4930123456")]
    public void Phones_in_national_or_international_format_are_stored_in_E164(string input, string region, string stored)
    {
        var check = PhoneRule.Check(input, region);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(stored, check.Value);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("not a phone")]
    [InlineData("+380 12")]
    public void Impossible_phone_numbers_are_refused(string input)
    {
        Assert.False(PhoneRule.Check(input, "UA").IsValid);
    }

    [Fact]
    public void External_id_allows_128_characters_and_refuses_129()
    {
        Assert.True(ProfileRules.ExternalId(new string('x', 128)).IsValid);
        Assert.False(ProfileRules.ExternalId(new string('x', 129)).IsValid);
    }
}
