using System.Diagnostics;
using System.Globalization;
using System.Text;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Export;
using ContactsAdmin.Profile.Fields;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// The full grid exported as CSV (issue 18): the app's export (the same service as the download and the command) next
/// to a hand-written baseline in the same run, a raw SqliteDataReader writing the same columns with a StreamWriter.
/// Both write to a stream that only counts bytes, so the disk is not what is measured. Reports seconds, rows per
/// second, the app/raw ratio and the peak working set seen while the app's export ran.
/// </summary>
public static class ExportBench
{
    private const string Group = "export";

    public static async Task RunAsync(BenchContext context)
    {
        var factory = context.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var export = new ContactCsvExport(new ContactExportRows(factory), new ContactLookups(factory), new GridPreferences(factory),
            ProfileFieldTable.Standard, new ExportAudit(factory, TimeProvider.System));
        // A 1M export takes tens of seconds: a few samples are enough, and the machine is shared.
        var runs = Math.Clamp(context.Options.Runs, 1, 3);
        var all = ContactGridView.Default;
        // Compiles the queries and the code once, on a view with no rows, so the samples measure the export itself.
        var none = all with { CreatedTo = new DateOnly(2000, 1, 1) };
        foreach (var columns in new[] { ExportColumnSet.Visible, ExportColumnSet.All })
            await export.WriteAsync(new ContactExportRequest(none, columns, TimeZoneInfo.Utc, null), Stream.Null, "bench", null, default);

        var (visible, visibleRows, visiblePeak) = await SampleAsync(runs, stream =>
            export.WriteAsync(new ContactExportRequest(all, ExportColumnSet.Visible, TimeZoneInfo.Utc, null), stream, "bench", null, default));
        var (raw, rawRows, _) = await SampleAsync(runs, stream => RawExportAsync(context, stream));
        context.Add(new BenchResult(Group, $"full grid, visible columns ({visibleRows:N0} rows)", Unit.Seconds, visible, raw, "< 60 s at 1M; within 3x of raw",
            Note(visible, visibleRows, visiblePeak) + $"; raw {Rate(raw, rawRows)}"));

        var (allColumns, allRows, allPeak) = await SampleAsync(runs, stream =>
            export.WriteAsync(new ContactExportRequest(all, ExportColumnSet.All, TimeZoneInfo.Utc, null), stream, "bench", null, default));
        context.Add(new BenchResult(Group, $"full grid, all columns with custom fields and subscriptions ({allRows:N0} rows)", Unit.Seconds, allColumns, null,
            "< 60 s at 1M", Note(allColumns, allRows, allPeak)));
    }

    private static string Note(Stats stats, int rows, long peakBytes) =>
        $"{Rate(stats, rows)}; peak working set {peakBytes / 1024 / 1024:N0} MB";

    private static string Rate(Stats stats, int rows) =>
        string.Create(CultureInfo.InvariantCulture, $"{rows / Math.Max(stats.Median, 0.001):N0} rows/s");

    /// <summary>Seconds per run, the rows of the last run, and the highest working set sampled while the runs went.</summary>
    private static async Task<(Stats Seconds, int Rows, long PeakWorkingSet)> SampleAsync(int runs, Func<Stream, Task<int>> write)
    {
        var (samples, rows, peak) = (new List<double>(), 0, 0L);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        for (var i = 0; i < runs; i++)
        {
            await using var counter = new CountingStream();
            var watch = Stopwatch.StartNew();
            rows = await write(counter);
            samples.Add(watch.Elapsed.TotalSeconds);
        }
        await stop.CancelAsync();
        await sampler;
        return (Stats.Of(samples), rows, peak);
    }

    /// <summary>The baseline: the grid's columns in its default order, read and written by hand.</summary>
    private static async Task<int> RawExportAsync(BenchContext context, Stream destination)
    {
        using var connection = context.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT Id, FirstName, LastName, Email, Phone, EmailStatus, Source, CreatedAt, LastEditAt, Country, Language
            FROM Contacts ORDER BY CreatedAt DESC, Id DESC
            """;
        await using var writer = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65536, leaveOpen: true);
        await writer.WriteAsync("Contact ID,First name,Last name,Email,Phone,Email status,Source,Created (UTC),Last edit (UTC),Country,Language\r\n");
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (i > 0) writer.Write(',');
                if (!reader.IsDBNull(i)) writer.Write(Quoted(reader.GetString(i)));
            }
            writer.Write("\r\n");
            count++;
        }
        return count;
    }

    private static string Quoted(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>Takes every byte and keeps only their number.</summary>
    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Position;
        public override long Position { get; set; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Position += count;
        public override void Write(ReadOnlySpan<byte> buffer) => Position += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Position += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
