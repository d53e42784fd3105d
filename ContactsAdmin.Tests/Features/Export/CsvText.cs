using System.Text;

namespace ContactsAdmin.Tests.Features.Export;

/// <summary>Reads an exported file back as a spreadsheet would: its byte order mark, then RFC 4180 records.</summary>
public static class CsvText
{
    public static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static bool StartsWithBom(byte[] bytes) => bytes.AsSpan().StartsWith(Utf8Bom);

    /// <summary>The records of the file (the header first), each a list of its cells.</summary>
    public static List<string[]> Records(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(StartsWithBom(bytes) ? bytes[Utf8Bom.Length..] : bytes);
        var (records, record, cell, quoted) = (new List<string[]>(), new List<string>(), new StringBuilder(), false);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { record.Add(cell.ToString()); cell.Clear(); }
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(cell.ToString());
                cell.Clear();
                records.Add([.. record]);
                record.Clear();
                i++;
            }
            else cell.Append(ch);
        }
        if (cell.Length > 0 || record.Count > 0) records.Add([.. record, cell.ToString()]);
        return records;
    }

    /// <summary>The cells of one column, by its header, below the header.</summary>
    public static List<string> Column(List<string[]> records, string header)
    {
        var index = Array.IndexOf(records[0], header);
        Assert.True(index >= 0, $"No column '{header}' in: {string.Join(", ", records[0])}");
        return records.Skip(1).Select(r => r[index]).ToList();
    }
}
