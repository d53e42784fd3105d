using System.Text;
using CsvHelper;

namespace ContactsAdmin.Features.Import;

/// <summary>How a file is read: its encoding, the delimiter between cells, and whether the first row names the columns.</summary>
public sealed record CsvFormat(Encoding Encoding, char Delimiter, bool HasHeader)
{
    /// <summary>The delimiters an import detects and offers.</summary>
    public static IReadOnlyList<char> Delimiters { get; } = [',', ';', '\t'];

    /// <summary>
    /// A reader of <paramref name="stream"/> in this format, from where it stands (left open), with physical line numbers:
    /// the importer, its dry run and the row count all read through this, so they see the same records.
    /// </summary>
    public CsvReader OpenReader(Stream stream) => CsvReader.Create(stream, new CsvReaderOptions
    {
        Separator = Delimiter,
        HasHeader = HasHeader,
        Encoding = Encoding,
        TrackLineNumbers = true,
        DetectSeparatorHint = false,
    }, leaveOpen: true);

    /// <summary>"comma", "semicolon", "tab": how a person reads the delimiter.</summary>
    public string DelimiterName => Delimiter switch { ',' => "comma", ';' => "semicolon", '\t' => "tab", _ => $"'{Delimiter}'" };
}

/// <summary>
/// What the sniffer found at the start of a file: the format to read it with (each choice can be overridden with
/// <c>with</c>), the encoding's name as a person reads it, and the first rows as cells, for a preview and the mapping.
/// </summary>
public sealed record CsvSniff(CsvFormat Format, string EncodingName, IReadOnlyList<IReadOnlyList<string>> FirstRows)
{
    /// <summary>The column names: the header's cells, or "Column 1", "Column 2"... when the file has no header.</summary>
    public IReadOnlyList<string> Columns => FirstRows.Count == 0 ? []
        : Format.HasHeader ? FirstRows[0]
        : [.. Enumerable.Range(1, FirstRows.Max(r => r.Count)).Select(i => $"Column {i}")];
}
