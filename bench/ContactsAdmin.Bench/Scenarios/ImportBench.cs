using System.Globalization;
using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// Import and export at scale (issue 18), as an operator runs them: the app's `import` and `export` subcommands, each a
/// process of its own (Release build of this worktree), timed with their startup and their peak resident memory
/// (VmHWM). A generated file (<see cref="ImportFile"/>) goes into an empty store, then a second file naming the same
/// contacts with other values goes into the full one (every good row an update); then the full grid is exported with
/// all columns. The baseline, in the same run, is the sqlite3 shell: `.import` of the same file into a plain table, and
/// `.mode csv` of the same contacts with their custom fields and subscriptions. Uses a store of its own (not --db).
/// </summary>
public static class ImportBench
{
    public static async Task RunAsync(BenchContext context)
    {
        var rows = context.Options.ImportRows;
        if (context.Options.ImportFolder is { } kept)
        {
            // Kept for a look afterwards (the files, the stores, the bad-row reports); emptied first.
            if (Directory.Exists(kept)) Directory.Delete(kept, recursive: true);
            await RunInAsync(context, Directory.CreateDirectory(kept).FullName, rows, keepEmptyStore: true);
            return;
        }
        var folder = Directory.CreateTempSubdirectory("contacts-import-bench-").FullName;
        try
        {
            await RunInAsync(context, folder, rows);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunInAsync(BenchContext context, string folder, int rows, bool keepEmptyStore = false)
    {
        var fresh = Path.Combine(folder, "contacts.csv");
        var updates = Path.Combine(folder, "contacts-updated.csv");
        var mapping = Path.Combine(folder, "mapping.json");
        Console.WriteLine($"  generating {rows:N0} rows twice into {folder} ...");
        await Task.WhenAll(ImportFile.WriteAsync(fresh, rows, variant: 0), ImportFile.WriteAsync(updates, rows, variant: 1));
        await File.WriteAllTextAsync(mapping, JsonSerializer.Serialize(ImportFile.Mapping));
        var store = Path.Combine(folder, "import.db");
        await CreateStoreAsync(store);
        // A copy of the store as the first import finds it, to import into again by hand (under a profiler, say).
        if (keepEmptyStore) StoreBackup.Create(new StoreFile($"Data Source={store}"), Path.Combine(folder, "import-empty.db"), force: true);

        var baselineDb = Path.Combine(folder, "baseline.db");
        var baseline = (await ChildProcessRun.Sqlite3Async(baselineDb, $".mode csv\n.import '{fresh}' contacts\n")).EnsureSucceeded("sqlite3 .import");
        Add(context, "import", $"{rows:N0} rows into an empty store (CLI `import`)", await ImportAsync(store, fresh, mapping), baseline, rows,
            "10,000+ rows/s, < 500 MB; within 3x of sqlite3 .import");
        File.Delete(baselineDb);
        baseline = (await ChildProcessRun.Sqlite3Async(baselineDb, $".mode csv\n.import '{updates}' contacts\n")).EnsureSucceeded("sqlite3 .import");
        Add(context, "import", $"{rows:N0} rows into the full store, all updates", await ImportAsync(store, updates, mapping), baseline, rows,
            "10,000+ rows/s, < 500 MB; within 3x of sqlite3 .import");

        var runs = Math.Clamp(context.Options.Runs, 1, 3);
        var exports = new List<ChildProcessRun>();
        var raws = new List<ChildProcessRun>();
        var exported = Path.Combine(folder, "export.csv");
        var script = await BaselineExportScriptAsync(store, Path.Combine(folder, "raw-export.csv"));
        for (var i = 0; i < runs; i++)
        {
            exports.Add((await ChildProcessRun.RunAsync(AppProcess.CommandStartInfo(store, "export", "--columns", "all", "--output", exported)))
                .EnsureSucceeded("export"));
            raws.Add((await ChildProcessRun.Sqlite3Async(store, script)).EnsureSucceeded("sqlite3 .mode csv"));
        }
        var contacts = File.ReadLines(exported).Count() - 1;
        var sample = exports.OrderBy(e => e.Seconds).ElementAt(exports.Count / 2);
        context.Add(new BenchResult("export", $"full grid, all columns, {contacts:N0} contacts (CLI `export`)", Unit.Seconds,
            Stats.Of([.. exports.Select(e => e.Seconds)]), Stats.Of([.. raws.Select(r => r.Seconds)]), "< 60 s at 1M; within 3x of sqlite3 .mode csv",
            string.Create(CultureInfo.InvariantCulture,
                $"{contacts / sample.Seconds:N0} rows/s; CPU {sample.CpuSeconds:N1} s; peak RSS {Megabytes(exports.Max(e => e.PeakBytes))}, of it private {Megabytes(exports.Max(e => e.PeakPrivateBytes))} (sqlite3 {Megabytes(raws.Max(r => r.PeakBytes))}); " +
                $"{new FileInfo(exported).Length / 1048576.0:N0} MB; load {Load()}")));
    }

    private static async Task<ChildProcessRun> ImportAsync(string store, string file, string mapping) =>
        (await ChildProcessRun.RunAsync(AppProcess.CommandStartInfo(store, "import", file, "--mapping", mapping, "--errors", file + ".errors.csv")))
            .EnsureSucceeded("import");

    private static void Add(BenchContext context, string group, string scenario, ChildProcessRun app, ChildProcessRun raw, int rows, string target)
    {
        var counts = app.Output.Split('\n').LastOrDefault(l => l.StartsWith("Imported", StringComparison.Ordinal))?.Trim() ?? "no counts printed";
        context.Add(new BenchResult(group, scenario, Unit.Seconds, Stats.OneSample(app.Seconds), Stats.OneSample(raw.Seconds), target,
            string.Create(CultureInfo.InvariantCulture,
                $"{rows / app.Seconds:N0} rows/s (sqlite3 {rows / raw.Seconds:N0}); CPU {app.CpuSeconds:N1} s (sqlite3 {raw.CpuSeconds:N1} s); peak RSS {Megabytes(app.PeakBytes)}, of it private {Megabytes(app.PeakPrivateBytes)} (sqlite3 {Megabytes(raw.PeakBytes)}); " +
                $"load {Load()}; {counts}")));
    }

    /// <summary>A store migrated by the app, with the file's custom fields and categories defined.</summary>
    private static async Task CreateStoreAsync(string path)
    {
        await using var services = BenchDatabase.AppServices(path);
        await services.MigrateContactStoreAsync();
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        db.CustomFieldDefinitions.AddRange(ImportFile.CustomFields);
        db.SubscriptionCategories.AddRange(ImportFile.Categories);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The contacts in the grid's order with each custom field and category as a column of its own, written by the sqlite3
    /// shell: what the app's export writes, without its formatting (dates, formula neutralising, labels).
    /// </summary>
    private static async Task<string> BaselineExportScriptAsync(string store, string output)
    {
        await using var services = BenchDatabase.AppServices(store);
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var fields = await db.CustomFieldDefinitions.Select(f => f.Id).ToListAsync();
        var categories = await db.SubscriptionCategories.Select(c => c.Id).ToListAsync();
        var columns = fields.Select(id =>
                $"(SELECT coalesce(v.TextValue, v.NumberValue, v.DateValue, v.BoolValue) FROM CustomFieldValues v WHERE v.ContactId = c.Id AND v.FieldId = {id})")
            .Concat(categories.Select(id => $"(SELECT s.IsSubscribed FROM ContactSubscriptions s WHERE s.ContactId = c.Id AND s.CategoryId = {id})"));
        return $".headers on\n.mode csv\n.once '{output}'\nSELECT c.*, {string.Join(", ", columns)} FROM Contacts c ORDER BY c.CreatedAt DESC, c.Id DESC;\n";
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MB");

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
