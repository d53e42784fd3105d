using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContactsAdmin.Bench;

/// <summary>Prints results as they come, the whole table at the end, and writes them as JSON.</summary>
public static class ResultsTable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    private const string Header = "| group | scenario | app median | app p95 | app max | raw median | raw p95 | app/raw | target |";

    public static void PrintLine(BenchResult r) =>
        Console.WriteLine($"  {r.Group,-9} {r.Scenario,-58} {Format(r.App.Median, r.Unit),12} (p95 {Format(r.App.P95, r.Unit)}, max {Format(r.App.Max, r.Unit)})" +
            (r.Baseline is { } b ? $"   raw {Format(b.Median, r.Unit)}   x{r.Ratio:N2}" : "") + (r.Note is null ? "" : $"   {r.Note}"));

    public static void PrintMarkdown(IEnumerable<BenchResult> results, TextWriter output)
    {
        output.WriteLine(Header);
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            output.WriteLine($"| {r.Group} | {r.Scenario}{(r.Note is null ? "" : $" ({r.Note})")} | {Format(r.App.Median, r.Unit)} | {Format(r.App.P95, r.Unit)} | {Format(r.App.Max, r.Unit)} | " +
                $"{(r.Baseline is { } b ? Format(b.Median, r.Unit) : "")} | {(r.Baseline is { } b2 ? Format(b2.P95, r.Unit) : "")} | " +
                $"{(r.Ratio is { } ratio ? $"{ratio:N2}" : "")} | {r.Target} |");
        }
    }

    public static async Task WriteJsonAsync(string path, object header, IEnumerable<BenchResult> results)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, new
        {
            run = header, results = results.Select(r => new
            {
                r.Group, r.Scenario, r.Unit, app = r.App, baseline = r.Baseline, ratio = r.Ratio, r.Target, r.Note,
            })
        }, Json);
    }

    public static string Format(double value, Unit unit) => unit switch
    {
        Unit.Milliseconds => value < 10 ? $"{value:N2} ms" : $"{value:N1} ms",
        Unit.Seconds => $"{value:N1} s",
        _ => $"{value:N0}/s",
    };
}
