using CsvHelper;

namespace ContactsAdmin.Features.Export;

/// <summary>
/// Writes rows to CSV as they are read (CsvHelper): UTF-8 with a byte order mark, so Excel opens it as UTF-8, RFC 4180
/// quoting, text cells neutralised. The header goes out at once; after that a buffer's worth at a time.
/// </summary>
public static class CsvExportWriter
{
    /// <summary>How often (in rows) progress is reported.</summary>
    public const int ProgressEvery = 10_000;

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { WriteByteOrderMark = true };

    /// <returns>The number of rows written (the header not counted).</returns>
    public static async Task<int> WriteAsync<TRow>(Stream destination, IReadOnlyList<ExportColumn<TRow>> columns, IAsyncEnumerable<TRow> rows,
        IProgress<int>? progress, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        csv.WriteHeader(columns.Select(c => c.Header).ToArray());
        // The first bytes (and the download dialog) do not wait for the first buffer of rows.
        await csv.FlushAsync(ct);

        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var column in columns)
            {
                var value = column.Value(row);
                csv.WriteField(column.IsText ? SpreadsheetFormulas.Neutralise(value) : value);
            }
            await csv.EndRecordAsync(ct);
            if (++count % ProgressEvery == 0) progress?.Report(count);
        }
        await csv.FlushAsync(ct);
        progress?.Report(count);
        return count;
    }
}
