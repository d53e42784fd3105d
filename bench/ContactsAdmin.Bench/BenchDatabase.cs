using System.Diagnostics;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Setup;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Bench;

/// <summary>What the run was measured on: printed above the table and written into the JSON.</summary>
public sealed record RunHeader(
    DateTime StartedAt, string Machine, long Contacts, long Activities, double DatabaseMegabytes, int Runs, bool Quick, string LoadAverage)
{
    public override string ToString() =>
        $"{StartedAt:yyyy-MM-dd HH:mm} UTC, {Machine}; database {Contacts:N0} contacts, {Activities:N0} activities, {DatabaseMegabytes:N0} MB; " +
        $"{Runs} measured runs per scenario after 3 warm-ups{(Quick ? " (quick mode)" : "")}; load average {LoadAverage}.";
}

/// <summary>Creates (migrates and seeds) the benchmark database when it is missing, timing the seed as the seed command runs it.</summary>
public static class BenchDatabase
{
    public static async Task<BenchResult?> PrepareAsync(string dbPath, BenchOptions options)
    {
        var exists = File.Exists(dbPath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(dbPath))!);
        await using var services = AppServices(dbPath);
        // A kept database gets the app's newer migrations, as the app applies them on start.
        await services.MigrateContactStoreAsync();
        if (exists) return null;

        Console.WriteLine($"Seeding {options.Contacts:N0} contacts with about {options.ActivitiesPerContact} activities each into {dbPath} ...");
        var watch = Stopwatch.StartNew();
        var seeder = new DemoDataSeeder(services.GetRequiredService<IDbContextFactory<AppDbContext>>(), services.GetRequiredService<StoreEngine>(), TimeProvider.System);
        await seeder.SeedAsync(DemoDataOptions.Default with { Contacts = options.Contacts, ActivitiesPerContact = options.ActivitiesPerContact },
            fresh: false, new ConsoleProgress(Console.Out, TimeProvider.System));
        var seconds = watch.Elapsed.TotalSeconds;

        var (contacts, activities) = await CountAsync(dbPath);
        return new BenchResult("seed", $"seed {contacts:N0} contacts + {activities:N0} activities", Unit.Seconds, Stats.OneSample(seconds), null,
            "1M + 10M under 180 s", $"{(contacts + activities) / seconds:N0} rows/s, one run");
    }

    public static async Task<RunHeader> DescribeAsync(string dbPath, BenchOptions options)
    {
        var (contacts, activities) = await CountAsync(dbPath);
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ').Take(3)) : "n/a";
        return new RunHeader(DateTime.UtcNow, $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
            contacts, activities, new FileInfo(dbPath).Length / 1048576.0, options.Runs, options.Quick, load);
    }

    private static async Task<(long Contacts, long Activities)> CountAsync(string dbPath)
    {
        await using var connection = new SqliteConnection($"Data Source={dbPath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM Contacts), (SELECT count(*) FROM Activities)";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The app's data services on <paramref name="dbPath"/>.</summary>
    internal static ServiceProvider AppServices(string dbPath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Contacts"] = $"Data Source={dbPath}" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddContactsData(configuration);
        return services.BuildServiceProvider();
    }
}
