using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Tests.Profile.Validation;

/// <summary>One rule refuses invisible characters in every identifier and key; phones with letters and out-of-range custom values are refused.</summary>
public class TextRuleTests
{
    // NUL, zero-width space / non-joiner / joiner, word joiner, BOM, the bidi embeddings and overrides, the bidi isolates.
    public static TheoryData<char> Invisible =>
        ['\0', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

    [Theory]
    [MemberData(nameof(Invisible))]
    public void Invisible_characters_are_refused_in_every_identifier_and_key_with_the_same_message(char c)
    {
        var expected = TextRule.Message("External ID", c);

        Assert.Equal(expected, ProfileRules.ExternalId($"u-{c}1001").Error);
        Assert.Contains($"U+{(int)c:X4}", EmailRule.Check($"olena{c}@example.com").Error);
        Assert.Contains($"U+{(int)c:X4}", PhoneRule.Check($"+380501{c}234567", "UA").Error);
        Assert.Contains($"U+{(int)c:X4}", EventTypeKeyRule.Check($"Add{c}ToCart").Error);
        Assert.Contains($"U+{(int)c:X4}", NameRule.Check($"Ole{c}na").Error);
    }

    [Fact]
    public void Ordinary_text_of_any_alphabet_passes()
    {
        Assert.Null(TextRule.Check("Олена Коваль 日本 ñ é-1.2_3", "Name"));
    }

    [Theory]
    [InlineData("+1-800-FLOWERS")]
    [InlineData("050 123 45 6x")]
    public void Phone_numbers_with_letters_are_refused_rather_than_mapped_to_keypad_digits(string input)
    {
        Assert.Contains("letters", PhoneRule.Check(input, "UA").Error);
    }

    private static CustomFieldDefinition Field(CustomFieldType type) => new() { Key = "field", Label = "Field", Type = type };

    [Theory]
    [InlineData("1899-12-31", false)]
    [InlineData("1900-01-01", true)]
    [InlineData("2200-12-31", true)]
    [InlineData("2201-01-01", false)]
    [InlineData("0001-01-01", false)]
    public void Custom_dates_lie_between_1900_and_2200(string input, bool valid)
    {
        Assert.Equal(valid, CustomFieldRules.Value(Field(CustomFieldType.Date), input).IsValid);
    }

    [Theory]
    [InlineData("1e15", true)]
    [InlineData("-1e15", true)]
    [InlineData("1000000000000000.5", false)]
    [InlineData("1e300", false)]
    [InlineData("-1.7976931348623157E+308", false)]
    public void Custom_numbers_lie_within_a_million_billion_either_way(string input, bool valid)
    {
        Assert.Equal(valid, CustomFieldRules.Value(Field(CustomFieldType.Number), input).IsValid);
    }
}
