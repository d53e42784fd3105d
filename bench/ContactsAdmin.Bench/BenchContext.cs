using ContactsAdmin.Data;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Bench;

/// <summary>
/// What every scenario needs: the app's own services on the benchmark database (built exactly as the app
/// builds them), a raw Microsoft.Data.Sqlite connection for the baselines, and the results so far.
/// </summary>
public sealed class BenchContext : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly QueryPlanRecorder recorder = new() { Recording = false };
    private readonly List<BenchResult> results = [];

    public BenchContext(BenchOptions options, string dbPath, bool printPlans)
    {
        Options = options;
        DatabasePath = dbPath;
        PrintPlans = printPlans;
        // With --plans the recorder sits in the app's services, off while timing, so the scenarios' own query objects are traced.
        services = BuildServices(dbPath, printPlans ? recorder : null);
    }

    public BenchOptions Options { get; }
    public string DatabasePath { get; }
    public bool PrintPlans { get; }
    public IReadOnlyList<BenchResult> Results => results;

    /// <summary>The app's services (query classes are created from these as the pages' DI would).</summary>
    public IServiceProvider Services => services;

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(services);

    /// <summary>A raw connection with the same pragmas as the app's (the baseline should not be handicapped).</summary>
    public SqliteConnection OpenRawConnection()
    {
        // Not pooled: the app's pooled connections carry its own functions (a .NET lower()); the baseline is plain SQLite.
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA mmap_size=2147418112;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Times the app's call and the raw baseline for the same answer, alternating nothing: app first, then raw.</summary>
    public async Task MeasureAsync(string group, string scenario, string target, Func<IServiceProvider, Task> app, Func<Task>? raw, string? note = null)
    {
        var appStats = await Timer.TimeAsync(() => app(services), Options.Runs);
        var rawStats = raw is null ? null : await Timer.TimeAsync(raw, Options.Runs);
        Add(new BenchResult(group, scenario, Unit.Milliseconds, appStats, rawStats, target, note));
        if (PrintPlans) await PrintPlansAsync(scenario, () => app(services));
    }

    public void Add(BenchResult result)
    {
        results.Add(result);
        ResultsTable.PrintLine(result);
    }

    private async Task PrintPlansAsync(string scenario, Func<Task> app)
    {
        recorder.Clear();
        recorder.Recording = true;
        try { await app(); }
        finally { recorder.Recording = false; }
        Console.WriteLine($"   plans for {scenario}:");
        foreach (var plan in recorder.Plans.DistinctBy(p => p.ToString()))
            Console.WriteLine("     " + plan.ToString().Replace(Environment.NewLine, Environment.NewLine + "     "));
    }

    private static ServiceProvider BuildServices(string dbPath, QueryPlanRecorder? recorder)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Contacts"] = $"Data Source={dbPath}" })
            .Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System);
        collection.AddContactsData(configuration);
        collection.AddContactsSettings();
        if (recorder is not null) collection.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(recorder));
        return collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
