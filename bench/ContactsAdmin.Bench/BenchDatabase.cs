using System.Diagnostics;
using System.Globalization;
using ContactsAdmin.Bench.Stores;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Bench;

/// <summary>What the run was measured on: printed above the table and written into the JSON.</summary>
public sealed record RunHeader(
    DateTime StartedAt, string Machine, string Store, long Contacts, long Activities, double DatabaseMegabytes, int Runs, bool Quick, string LoadAverage)
{
    public override string ToString() =>
        $"{StartedAt:yyyy-MM-dd HH:mm} UTC, {Machine}; {Store}: {Contacts:N0} contacts, {Activities:N0} activities, {DatabaseMegabytes:N0} MB; " +
        $"{Runs} measured runs per scenario after 3 warm-ups{(Quick ? " (quick mode)" : "")}; load average {LoadAverage}.";
}

/// <summary>Creates (migrates and seeds) the benchmark database when it is missing, timing the seed as the seed command runs it.</summary>
public static class BenchDatabase
{
    public static async Task<BenchResult?> PrepareAsync(BenchStore store, BenchOptions options)
    {
        var exists = await store.ExistsAsync();
        if (store is SqliteBenchStore sqlite) Directory.CreateDirectory(Path.GetDirectoryName(sqlite.Path)!);
        await using var services = AppServices(store);
        // A kept database gets the app's newer migrations, as the app applies them on start (creating it when missing).
        await services.MigrateContactStoreAsync();
        if (exists) return null;

        Console.WriteLine($"Seeding {options.Contacts:N0} contacts with about {options.ActivitiesPerContact} activities each into {store.Description} ...");
        var watch = Stopwatch.StartNew();
        var seeder = new DemoDataSeeder(services.GetRequiredService<IDbContextFactory<AppDbContext>>(), services.GetRequiredService<StoreEngine>(), TimeProvider.System);
        await seeder.SeedAsync(DemoDataOptions.Default with { Contacts = options.Contacts, ActivitiesPerContact = options.ActivitiesPerContact },
            fresh: false, new ConsoleProgress(Console.Out, TimeProvider.System));
        var seconds = watch.Elapsed.TotalSeconds;

        var (contacts, activities) = await CountAsync(store);
        return new BenchResult("seed", $"seed {contacts:N0} contacts + {activities:N0} activities", Unit.Seconds, Stats.OneSample(seconds), null,
            "1M + 10M under 180 s", $"{(contacts + activities) / seconds:N0} rows/s, one run; load average {LoadAverage()}");
    }

    public static async Task<RunHeader> DescribeAsync(BenchStore store, BenchOptions options)
    {
        var (contacts, activities) = await CountAsync(store);
        return new RunHeader(DateTime.UtcNow, $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
            store.Description, contacts, activities, await store.SizeMegabytesAsync(), options.Runs, options.Quick, LoadAverage());
    }

    /// <summary>The machine is shared: the load says how much to trust a number.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task<(long Contacts, long Activities)> CountAsync(BenchStore store)
    {
        await using var raw = store.OpenRaw();
        await using var command = raw.Command("SELECT (SELECT count(*) FROM Contacts), (SELECT count(*) FROM Activities)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    /// <summary>The app's data services on <paramref name="store"/>.</summary>
    internal static ServiceProvider AppServices(BenchStore store)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store.AppSettings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddContactsData(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The app's data services on the SQLite file <paramref name="dbPath"/> (the SQLite-only groups).</summary>
    internal static ServiceProvider AppServices(string dbPath) => AppServices(new SqliteBenchStore(dbPath));
}
