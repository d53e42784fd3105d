using ContactsAdmin.Features.Export;
using CsvHelper;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// The bad rows of an import as CSV (line, column, value, reason), UTF-8 with a byte order mark so a spreadsheet opens
/// it right. Values come from the imported file: a cell a spreadsheet would run as a formula is neutralised.
/// </summary>
public static class ImportErrorReport
{
    public static async Task WriteAsync(Stream output, IEnumerable<ImportRowError> errors, CancellationToken ct = default)
    {
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteField("line");
        csv.WriteField("column");
        csv.WriteField("value");
        csv.WriteField("reason");
        await csv.EndRecordAsync(ct);
        foreach (var error in errors)
        {
            csv.WriteField(error.Line, default);
            // The export's rule, so every CSV the app writes neutralises the same cells.
            csv.WriteField(SpreadsheetFormulas.Neutralise(error.Column));
            csv.WriteField(SpreadsheetFormulas.Neutralise(error.Value));
            csv.WriteField(SpreadsheetFormulas.Neutralise(error.Reason));
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }
}
