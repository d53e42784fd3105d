using CsvHelper;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// How many rows a file has, counted as the importer reads them (records, so a quoted cell's line breaks do not count
/// as rows): a job's total, in the unit its progress counts.
/// </summary>
public static class ImportRowCount
{
    public static async Task<long> CountAsync(Stream stream, CsvFormat format, CancellationToken ct)
    {
        using var reader = format.OpenReader(stream);   // as the importer reads it, so both see the same records
        try
        {
            await reader.ReadHeaderAsync(ct);
            long rows = 0;
            while (await reader.ReadAsync(ct)) rows++;
            return rows;
        }
        catch (Exception e) when (e is CsvFormatException or System.Text.DecoderFallbackException or IOException)
        {
            throw new ImportFileException($"The file cannot be read as CSV: {e.Message}", e);
        }
    }
}
