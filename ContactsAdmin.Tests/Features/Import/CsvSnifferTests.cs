using System.Text;
using ContactsAdmin.Features.Import;

namespace ContactsAdmin.Tests.Features.Import;

/// <summary>What the sniffer detects from a file's first bytes: encoding, delimiter, header.</summary>
public class CsvSnifferTests
{
    private static CsvSniff Sniff(byte[] bytes) => CsvSniffer.Sniff(bytes, complete: true);

    private static byte[] Bytes(Encoding encoding, string text, bool bom = false) => [.. (bom ? encoding.GetPreamble() : []), .. encoding.GetBytes(text)];

    [Fact]
    public void A_utf8_file_with_a_byte_order_mark_is_read_as_utf8_and_its_header_found()
    {
        var sniff = Sniff(Bytes(new UTF8Encoding(true), "Email,First Name\nolena@example.com,Олена\n", bom: true));

        Assert.Equal("UTF-8 with BOM", sniff.EncodingName);
        Assert.Equal(',', sniff.Format.Delimiter);
        Assert.True(sniff.Format.HasHeader);
        Assert.Equal(["Email", "First Name"], sniff.Columns);
        Assert.Equal("Олена", sniff.FirstRows[1][1]);
    }

    [Fact]
    public void A_utf8_file_without_a_byte_order_mark_is_read_as_utf8()
    {
        var sniff = Sniff(Bytes(new UTF8Encoding(false), "Email;Vorname\nm@example.de;Jürgen\n"));

        Assert.Equal("UTF-8", sniff.EncodingName);
        Assert.Equal(';', sniff.Format.Delimiter);
        Assert.Equal("Jürgen", sniff.FirstRows[1][1]);
    }

    [Theory]
    [InlineData(false, "UTF-16 LE")]
    [InlineData(true, "UTF-16 BE")]
    public void A_utf16_file_is_recognised_by_its_byte_order_mark(bool bigEndian, string name)
    {
        var sniff = Sniff(Bytes(new UnicodeEncoding(bigEndian, true), "Email\tІм'я\nolena@example.com\tОлена\n", bom: true));

        Assert.Equal(name, sniff.EncodingName);
        Assert.Equal('\t', sniff.Format.Delimiter);
        Assert.Equal(["Email", "Ім'я"], sniff.Columns);
    }

    [Fact]
    public void A_windows_1251_file_with_a_cyrillic_header_is_read_as_windows_1251()
    {
        var sniff = Sniff(Bytes(CsvSniffer.Windows1251, "Прізвище;Ім'я;Телефон\nКоваль;Олена;+380501234567\n"));

        Assert.Equal("Windows-1251 (Cyrillic)", sniff.EncodingName);
        Assert.Equal(';', sniff.Format.Delimiter);
        Assert.True(sniff.Format.HasHeader);
        Assert.Equal(["Прізвище", "Ім'я", "Телефон"], sniff.Columns);
    }

    [Fact]
    public void The_delimiter_is_the_one_that_splits_every_line_alike_even_when_another_appears_in_quotes()
    {
        var sniff = Sniff(Bytes(Encoding.UTF8, "Email;Note\na@example.com;\"one, two, three\"\nb@example.com;\"four, five\"\n"));

        Assert.Equal(';', sniff.Format.Delimiter);
        Assert.Equal("one, two, three", sniff.FirstRows[1][1]);
    }

    [Fact]
    public void A_file_whose_first_row_holds_values_has_no_header()
    {
        var sniff = Sniff(Bytes(Encoding.UTF8, "olena@example.com,Olena\ntaras@example.com,Taras\n"));

        Assert.False(sniff.Format.HasHeader);
        Assert.Equal(["Column 1", "Column 2"], sniff.Columns);
    }
}
