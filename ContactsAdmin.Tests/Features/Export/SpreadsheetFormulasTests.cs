using ContactsAdmin.Features.Export;

namespace ContactsAdmin.Tests.Features.Export;

public class SpreadsheetFormulasTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    public void A_cell_that_starts_like_a_formula_gets_a_quote_in_front(string cell, string expected) =>
        Assert.Equal(expected, SpreadsheetFormulas.Neutralise(cell));

    [Fact]
    public void An_international_phone_stays_readable_as_text_with_its_plus_and_digits() =>
        Assert.Equal("'+380501234567", SpreadsheetFormulas.Neutralise("+380501234567"));

    [Theory]
    [InlineData("Olena")]
    [InlineData("a=b")]
    [InlineData("o'neil@example.com")]
    [InlineData(" =not at the start")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_cells_are_left_as_they_are(string? cell) => Assert.Equal(cell, SpreadsheetFormulas.Neutralise(cell));
}
