using ContactsAdmin.Bench.Stores;
using ContactsAdmin.Data;
using ContactsAdmin.Data.PostgreSql;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Bench;

/// <summary>
/// What every scenario needs: the app's own services on the benchmark's store (built exactly as the app builds them,
/// through its engine seam), a raw connection for the baselines, and the results so far.
/// </summary>
public sealed class BenchContext : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly IPlanRecorder? recorder;
    private readonly List<BenchResult> results = [];
    private readonly List<string> mismatches = [];
    private readonly IReadOnlySet<string> nullableContactColumns;

    public BenchContext(BenchOptions options, BenchStore store, bool printPlans)
    {
        Options = options;
        Store = store;
        // With --plans the recorder sits in the app's services, off while timing, so the scenarios' own query objects are traced.
        recorder = !printPlans ? null : store.Provider == StoreProvider.PostgreSQL ? new PostgreSqlPlanRecorder() : new SqlitePlanRecorder();
        services = BuildServices(store, recorder);
        using var db = services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        nullableContactColumns = db.Model.FindEntityType(typeof(Contact))!.GetProperties().Where(p => p.IsNullable).Select(p => p.Name).ToHashSet();
    }

    public BenchOptions Options { get; }
    public BenchStore Store { get; }
    public bool PrintPlans => recorder is not null;
    public IReadOnlyList<BenchResult> Results => results;

    /// <summary>Scenarios whose raw baseline did not return what the app returned (see <see cref="SameRows"/>).</summary>
    public IReadOnlyList<string> Mismatches => mismatches;

    /// <summary>The SQLite file, for the groups that run on SQLite only (browser, export, import, bulk, duplicates).</summary>
    public string DatabasePath => Store is SqliteBenchStore sqlite ? sqlite.Path : throw new InvalidOperationException("This group runs on SQLite only.");

    /// <summary>The app's services (query classes are created from these as the pages' DI would).</summary>
    public IServiceProvider Services => services;

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(services);

    /// <summary>A raw connection for the baselines, with the app's settings (the baseline should not be handicapped).</summary>
    public RawSql OpenRaw()
    {
        var raw = Store.OpenRaw();
        raw.NullableContactColumns = nullableContactColumns;
        return raw;
    }

    /// <summary>A raw SQLite connection, for the groups that run on SQLite only.</summary>
    public SqliteConnection OpenRawConnection()
    {
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
        if (recorder is not null) await PrintPlansAsync(scenario, () => app(services));
    }

    /// <summary>Records that the app and the raw baseline of a scenario answered differently (<paramref name="difference"/> not null).</summary>
    public void ExpectSameRows(string group, string scenario, string? difference)
    {
        if (difference is null) return;
        var line = $"{group} / {scenario}: {difference}";
        mismatches.Add(line);
        Console.WriteLine("  !! app and raw differ: " + line);
    }

    public void Add(BenchResult result)
    {
        results.Add(result);
        ResultsTable.PrintLine(result);
    }

    private async Task PrintPlansAsync(string scenario, Func<Task> app)
    {
        recorder!.Clear();
        recorder.Recording = true;
        try { await app(); }
        finally { recorder.Recording = false; }
        Console.WriteLine($"   plans for {scenario}:");
        foreach (var plan in recorder.Plans.DistinctBy(p => p.ToString()))
            Console.WriteLine("     " + plan.ToString().Replace(Environment.NewLine, Environment.NewLine + "     "));
    }

    private static ServiceProvider BuildServices(BenchStore store, IPlanRecorder? recorder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store.AppSettings).Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System);
        collection.AddContactsData(configuration);
        collection.AddContactsSettings();
        if (recorder?.Interceptor is { } interceptor)
        {
            // Each engine registers its own context type behind the AppDbContext the features ask for.
            if (store.Provider == StoreProvider.PostgreSQL) collection.ConfigureDbContext<PostgreSqlAppDbContext>(options => options.AddInterceptors(interceptor));
            else collection.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(interceptor));
        }
        return collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
