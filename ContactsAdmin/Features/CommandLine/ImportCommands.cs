using System.CommandLine;
using System.Globalization;
using System.Text;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Setup;

namespace ContactsAdmin.Features.CommandLine;

/// <summary>
/// `import FILE`: the operator's twin of the import page. Detects the file's format (each choice can be overridden),
/// maps the columns from their names or a mapping file, imports with a progress bar and prints the counts; the bad rows
/// go to a CSV report beside the file. Exit code 0 even with bad rows (they are reported); 1 when the file cannot be read.
/// </summary>
public static class ImportCommands
{
    private static readonly Dictionary<string, char> DelimiterNames = new(StringComparer.OrdinalIgnoreCase) { ["comma"] = ',', ["semicolon"] = ';', ["tab"] = '\t' };

    public static Command Command(IServiceProvider services, TextWriter output)
    {
        var file = new Argument<string>("file") { Description = $"The CSV (or .txt) file, up to {ImportLimits.MaxFileBytes / 1024 / 1024} MB." };
        var mapping = new Option<string>("--mapping")
        {
            Description = "auto (from the column names) or a JSON file: {\"column name\": \"Email\" | \"FirstName\" | \"custom:KEY\" | \"category:KEY\" | \"skip\"}.",
            DefaultValueFactory = _ => "auto",
        };
        var mode = new Option<ImportMode>("--mode") { Description = "CreateAndUpdate, CreateOnly or UpdateOnly.", DefaultValueFactory = _ => ImportMode.CreateAndUpdate };
        var empty = new Option<EmptyCells>("--empty") { Description = "What an empty cell does: Keep the stored value or Clear it.", DefaultValueFactory = _ => EmptyCells.Keep };
        var consent = new Option<bool>("--consent") { Description = "The file carries the contacts' consent: subscribe unsubscribed addresses again (never blacklisted ones)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count new, updated, unchanged and bad rows; write nothing." };
        var delimiter = new Option<string?>("--delimiter") { Description = "comma, semicolon or tab (default: detected)." };
        var encoding = new Option<string?>("--encoding") { Description = "utf-8, utf-16, utf-16be or windows-1251 (default: detected)." };
        var header = new Option<bool?>("--header") { Description = "Whether the first row names the columns (default: detected)." };
        var errors = new Option<string?>("--errors") { Description = "Where to write the bad rows as CSV (default: FILE.errors.csv, when there are any)." };
        var command = new Command("import", "Import contacts from a CSV file, with the import page's rules (audit entries name the file).")
            { file, mapping, mode, empty, consent, dryRun, delimiter, encoding, header, errors };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                await services.MigrateContactStoreAsync(ct);
                await using var stream = Open(path);
                var sniff = await CsvSniffer.SniffAsync(stream, ct);
                var format = Override(sniff.Format, parse.GetValue(delimiter), parse.GetValue(encoding), parse.GetValue(header));
                if (format != sniff.Format) sniff = CsvSniffer.Sniff(await StartAsync(stream, ct), stream.Length <= ImportLimits.SniffBytes, format);
                output.WriteLine($"{Path.GetFileName(path)}: {sniff.EncodingName}, {format.DelimiterName}-separated, {(format.HasHeader ? "with a header" : "no header")}.");

                var importer = services.GetRequiredService<ContactImporter>();
                var lookups = await importer.LookupsAsync(ct);
                var mappingText = parse.GetValue(mapping)!;
                var fields = services.GetRequiredService<ProfileFieldTable>();
                var columns = sniff.Columns;
                var map = mappingText.Equals("auto", StringComparison.OrdinalIgnoreCase)
                    ? MappingSuggestion.Suggest(columns, fields, lookups.Fields.Values, lookups.Categories.Values)
                    : ImportMapping.FromJson(await ReadMappingAsync(mappingText, ct), columns, fields);
                for (var i = 0; i < columns.Count; i++)
                    output.WriteLine($"  {columns[i]} -> {(i < map.Columns.Count ? map.Columns[i].Text : "skip")}");

                var options = new ImportOptions(parse.GetValue(mode), parse.GetValue(empty), parse.GetValue(consent), parse.GetValue(dryRun));
                var clock = services.GetRequiredService<TimeProvider>();
                var started = clock.GetTimestamp();
                var bar = new ConsoleProgress(output, clock);
                var stage = options.DryRun ? "Dry run" : "Importing";
                var result = await importer.RunAsync(stream, path, format, map, options,
                    new Progress(p => bar.Report(new StageProgress(stage, p.BytesRead, p.TotalBytes ?? p.BytesRead))), ct: ct);

                var counts = result.Counts;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(options.DryRun ? "Would import" : "Imported")} {counts.Rows:N0} rows in {ConsoleProgress.Duration(clock.GetElapsedTime(started))}: " +
                    $"{counts.Created:N0} new, {counts.Updated:N0} updated, {counts.Unchanged:N0} unchanged, {counts.Skipped:N0} skipped, {counts.Errors:N0} with errors."));
                if (result.Errors.Count > 0)
                {
                    var report = parse.GetValue(errors) ?? Path.ChangeExtension(path, ".errors.csv");
                    await using (var reportStream = File.Create(report)) await ImportErrorReport.WriteAsync(reportStream, result.Errors, ct);
                    output.WriteLine($"The bad rows are in {report}.");
                }
                return 0;
            }
            catch (Exception e) when (e is ImportFileException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                output.WriteLine($"Cannot import {path}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static FileStream Open(string path)
    {
        var stream = File.OpenRead(path);
        if (stream.Length <= ImportLimits.MaxFileBytes) return stream;
        stream.Dispose();
        throw ImportFileException.TooLarge();
    }

    private static async Task<byte[]> StartAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[ImportLimits.SniffBytes];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        stream.Position = 0;
        return buffer[..read];
    }

    private static CsvFormat Override(CsvFormat detected, string? delimiter, string? encoding, bool? header) => detected with
    {
        Delimiter = delimiter is null ? detected.Delimiter
            : DelimiterNames.TryGetValue(delimiter, out var d) ? d : throw new ArgumentException($"--delimiter takes comma, semicolon or tab, not '{delimiter}'."),
        Encoding = encoding?.ToLowerInvariant() switch
        {
            null => detected.Encoding,
            "utf-8" or "utf8" => new UTF8Encoding(false),
            "utf-16" or "utf-16le" => new UnicodeEncoding(false, true),
            "utf-16be" => new UnicodeEncoding(true, true),
            "windows-1251" or "cp1251" => CsvSniffer.Windows1251,
            _ => throw new ArgumentException($"--encoding takes utf-8, utf-16, utf-16be or windows-1251, not '{encoding}'."),
        },
        HasHeader = header ?? detected.HasHeader,
    };

    private static async Task<string> ReadMappingAsync(string path, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportFileException($"The mapping file {path} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Reports on the importing thread: <see cref="Progress{T}"/> would post to the thread pool, out of order.</summary>
    private sealed class Progress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
