using ContactsAdmin.Data;
using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Jobs;

/// <summary>
/// App instances a job test starts on one store, each with the counting handler and one <see cref="Ledger"/> (so it
/// outlives a stopped app), beating once a second: on PostgreSQL a stopped instance's job counts as abandoned after four.
/// </summary>
public sealed class CountingJobApps(TestDatabase database) : IAsyncDisposable
{
    public static readonly JobsOptions Jobs = new() { HeartbeatSeconds = 1 };

    private readonly List<AppFactory> apps = [];

    public CountingLedger Ledger { get; } = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts another app instance on the store (its host, and with it the job runner).</summary>
    public AppFactory Start()
    {
        var app = new AppFactory(database, new()
        {
            ConfigureHost = Ledger.InstallIn,
            Settings = new Dictionary<string, string> { ["Jobs:HeartbeatSeconds"] = Jobs.HeartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
        apps.Add(app);
        _ = app.Services;
        return app;
    }

    public static JobActions Actions(AppFactory app) => app.Services.GetRequiredService<JobActions>();

    /// <summary>Starts a counting job on <paramref name="app"/>, as a Marketer.</summary>
    public static async Task<long> StartJobAsync(AppFactory app, CountingJob job) =>
        Assert.IsType<JobOutcome.Done>(await Actions(app).StartAsync(TestUsers.Marketer(), CountingJobHandler.KindName, "Counting", job, Ct)).JobId;

    public async Task<BackgroundJob> RowAsync(long id)
    {
        await using var db = database.NewContext();
        return await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == id, Ct);
    }

    public async Task<BackgroundJob> WaitForStateAsync(long id, JobState state)
    {
        await Eventually.HoldsAsync(async () => (await RowAsync(id)).State == state, TimeSpan.FromSeconds(60), $"job {id} {state}");
        return await RowAsync(id);
    }

    public async ValueTask DisposeAsync()
    {
        Ledger.Release();
        foreach (var app in apps) await app.DisposeAsync();
    }
}
