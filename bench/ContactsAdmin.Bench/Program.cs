// The scale benchmark (issue 7): the app's own query services on a database of a given size, each next to
// the hand-written raw SQL for the same answer, plus HTTP ingest and browser timings against the real app.
// Prints median and p95 per scenario, the app/raw ratio, a Markdown table, and JSON. Not a test: nothing here
// asserts a time. It does check that each baseline returns the rows the app returns (SameRows): exit code 1 if not.
//
//   dotnet run -c Release --project bench/ContactsAdmin.Bench -- --quick            (100,000 contacts, a couple of minutes)
//   dotnet run -c Release --project bench/ContactsAdmin.Bench -- --db /tmp/bench/1m.db --json results.json
//   dotnet run -c Release --project bench/ContactsAdmin.Bench -- --store postgres --pg "Host=/tmp/devpg;Port=5432;Username=postgres;Database=bench1m"
//   dotnet run -c Release --project bench/ContactsAdmin.Bench -- --only import [--rows 100000]   (CLI import and export, 1M rows)
//   dotnet run -c Release --project bench/ContactsAdmin.Bench -- --only bulk --db /tmp/bulk-bench/1m.db   (add ~500k matching to a category)
//
// --db (SQLite) and --pg with a Database keep the seeded database and reuse it next time (a million contacts take minutes to seed).
using ContactsAdmin.Bench;
using ContactsAdmin.Bench.Scenarios;
using ContactsAdmin.Bench.Stores;
using ContactsAdmin.Data;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

var options = BenchOptions.Parse(args);
var store = BenchStore.From(options);
var started = DateTime.UtcNow;

// The import group brings its own store: alone, it needs no seeded database.
var seeding = await BenchDatabase.PrepareAsync(store, options.OnlyOwnStores ? options with { Contacts = 0, ActivitiesPerContact = 0 } : options);
var header = await BenchDatabase.DescribeAsync(store, options);
Console.WriteLine(header);
Console.WriteLine();

var mismatches = 0;
var failed = new List<string>();
await using (var context = new BenchContext(options, store, printPlans: args.Contains("--plans")))
{
    if (seeding is not null) context.Add(seeding);
    var groups = new (string Name, Func<BenchContext, Task> Run)[]
    {
        ("grid", GridBench.RunAsync), ("search", SearchBench.RunAsync), ("filters", FilterBench.RunAsync),
        ("card", CardBench.RunAsync), ("activity", ActivityBench.RunAsync), ("ingest", IngestBench.RunAsync),
        ("browser", BrowserBench.RunAsync), ("export", ExportBench.RunAsync), ("import", ImportBench.RunAsync),
        ("bulk", BulkBench.RunAsync),
        ("duplicates", DuplicatesBench.RunAsync), ("segments", SegmentBench.RunAsync),
    };
    foreach (var (name, run) in groups.Where(g => options.Includes(g.Name)))
    {
        if (store.Provider != StoreProvider.Sqlite && !BenchOptions.PostgreSqlGroups.Contains(name))
        {
            Console.WriteLine($"  ({name}: runs on SQLite only; skipped)");
            continue;
        }
        // Where a run's time goes, so --quick can be kept short.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await run(context);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or System.Data.Common.DbException)
        {
            // A group that fails (a wrong answer, an app path not yet on this engine) is reported, and the others still run.
            failed.Add($"{name}: {e.Message.Split('\n')[0]}");
            Console.WriteLine($"  !! {name} failed: {e.Message}");
        }
        Console.WriteLine($"  ({name}: {clock.Elapsed.TotalSeconds:N0} s, load average {BenchDatabase.LoadAverage()})");
    }

    Console.WriteLine();
    ResultsTable.PrintMarkdown(context.Results, Console.Out);
    if (options.JsonPath is { } json)
    {
        await ResultsTable.WriteJsonAsync(json, header, context.Results);
        Console.WriteLine($"JSON written to {json}");
    }
    foreach (var line in failed) Console.WriteLine("Group failed: " + line);
    mismatches = context.Mismatches.Count + failed.Count;
    if (context.Mismatches.Count > 0)
    {
        Console.WriteLine($"{context.Mismatches.Count} baseline(s) did not return what the app returned:");
        foreach (var line in context.Mismatches) Console.WriteLine("  " + line);
    }
}

Console.WriteLine($"Total time {(DateTime.UtcNow - started).TotalSeconds:N0} s.");
if (store.IsTemporary) await store.DropAsync();
return mismatches > 0 ? 1 : 0;
