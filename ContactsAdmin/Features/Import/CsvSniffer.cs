using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// Guesses how a file is written from its first <see cref="ImportLimits.SniffBytes"/>: the encoding (a byte order mark
/// for UTF-8 and UTF-16; else UTF-8 when the bytes are valid UTF-8, Windows-1251 when they look Cyrillic, Windows-1252
/// otherwise), the delimiter (the one that splits the lines into the same number of cells) and whether the first row is a
/// header (none of its cells looks like a value: an address, a number, a date).
/// </summary>
public static class CsvSniffer
{
    /// <summary>How many rows the sniff returns for a preview.</summary>
    public const int PreviewRows = 20;

    private const int LinesToCompare = 50;

    static CsvSniffer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The Cyrillic code page older tools export in.</summary>
    public static Encoding Windows1251 => Encoding.GetEncoding(1251);

    /// <summary>The encoding of a code page, Windows-1251 among them (this class registers the code pages).</summary>
    public static Encoding EncodingOf(int codePage) => Encoding.GetEncoding(codePage);

    private static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>Sniffs a stream from where it stands; a seekable stream is put back there, so it can be read next.</summary>
    public static async Task<CsvSniff> SniffAsync(Stream stream, CancellationToken ct)
    {
        if (stream.CanSeek && stream.Length - stream.Position > ImportLimits.MaxFileBytes) throw ImportFileException.TooLarge();
        var start = stream.CanSeek ? stream.Position : 0;
        var buffer = new byte[ImportLimits.SniffBytes];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        if (stream.CanSeek) stream.Position = start;
        return Sniff(buffer.AsSpan(0, read), complete: read < buffer.Length);
    }

    /// <summary>
    /// Sniffs the start of a file; <paramref name="complete"/> when it is the whole file (its last line is whole). With
    /// <paramref name="chosen"/> (a person's overrides of what was detected), reads the rows as that format says.
    /// </summary>
    public static CsvSniff Sniff(ReadOnlySpan<byte> start, bool complete, CsvFormat? chosen = null)
    {
        var (encoding, name, bom) = DetectEncoding(start, complete);
        if (chosen is not null && !chosen.Encoding.Equals(encoding))
        {
            encoding = chosen.Encoding;
            name = encoding.WebName;
            bom = start.StartsWith(encoding.GetPreamble()) ? encoding.GetPreamble().Length : 0;
        }
        var text = encoding.GetString(start[bom..]);
        if (!complete && text.LastIndexOfAny(['\n', '\r']) is var end and > 0) text = text[..end];   // the last line may be cut
        var delimiter = chosen?.Delimiter ?? DetectDelimiter(text);
        var rows = Rows(text, delimiter, PreviewRows + 1);
        var hasHeader = chosen?.HasHeader ?? (rows.Count > 0 && !rows[0].Any(LooksLikeValue));
        return new CsvSniff(new CsvFormat(encoding, delimiter, hasHeader), name, rows);
    }

    /// <summary>The encoding, its name for people, and the length of its byte order mark.</summary>
    public static (Encoding Encoding, string Name, int Bom) DetectEncoding(ReadOnlySpan<byte> start, bool complete)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (new UTF8Encoding(true), "UTF-8 with BOM", 3);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (new UnicodeEncoding(bigEndian: false, byteOrderMark: true), "UTF-16 LE", 2);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (new UnicodeEncoding(bigEndian: true, byteOrderMark: true), "UTF-16 BE", 2);
        if (Utf8.IsValid(complete ? start : WithoutCutCharacter(start))) return (new UTF8Encoding(false), "UTF-8", 0);
        return LooksCyrillic(start) ? (Windows1251, "Windows-1251 (Cyrillic)", 0) : (Windows1252, "Windows-1252 (Western European)", 0);
    }

    /// <summary>The bytes without a character the sample's end may have cut in two.</summary>
    private static ReadOnlySpan<byte> WithoutCutCharacter(ReadOnlySpan<byte> bytes)
    {
        var i = bytes.Length - 1;
        while (i >= 0 && bytes.Length - i <= 4 && (bytes[i] & 0xC0) == 0x80) i--;
        return i >= 0 && bytes[i] >= 0xC0 ? bytes[..i] : bytes;
    }

    /// <summary>
    /// In Windows-1251 nearly every letter of a Cyrillic text is a byte from 0xC0 up; in a Western text (Windows-1252)
    /// only the few accented ones are, among many ASCII letters.
    /// </summary>
    private static bool LooksCyrillic(ReadOnlySpan<byte> bytes)
    {
        int ascii = 0, high = 0;
        foreach (var b in bytes)
        {
            if (b >= 0xC0) high++;
            else if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z') ascii++;
        }
        return high > 0 && high * 3 >= ascii;
    }

    /// <summary>The delimiter that splits the first lines into the same number of cells (more than one), most cells first.</summary>
    public static char DetectDelimiter(string text)
    {
        var best = (Delimiter: CsvFormat.Delimiters[0], Score: -1.0);
        foreach (var delimiter in CsvFormat.Delimiters)
        {
            var counts = Rows(text, delimiter, LinesToCompare).Select(r => r.Count).ToList();
            if (counts.Count == 0 || counts[0] < 2) continue;
            var consistent = counts.Count(c => c == counts[0]) / (double)counts.Count;
            var score = consistent * 1000 + counts[0];
            if (score > best.Score) best = (delimiter, score);
        }
        return best.Delimiter;
    }

    /// <summary>The first <paramref name="max"/> non-empty rows, split into cells by RFC 4180 (quotes, doubled quotes, line breaks in quotes).</summary>
    public static List<IReadOnlyList<string>> Rows(string text, char delimiter, int max)
    {
        var rows = new List<IReadOnlyList<string>>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length && rows.Count < max; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == delimiter) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndRow();
            }
            else cell.Append(c);
        }
        if (rows.Count < max) EndRow();
        return rows;

        void EndRow()
        {
            cells.Add(cell.ToString());
            cell.Clear();
            if (cells.Count > 1 || cells[0].Length > 0) rows.Add([.. cells.Select(v => v.Trim())]);
            cells = [];
        }
    }

    /// <summary>A cell that reads as data rather than a column's name: an address, a number or phone, a date.</summary>
    private static bool LooksLikeValue(string cell)
    {
        var value = cell.Trim();
        if (value.Contains('@')) return true;
        if (value.Length > 0 && value.Count(char.IsDigit) * 2 > value.Length) return true;
        return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }
}
