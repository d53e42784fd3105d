using ContactsAdmin.Data;
using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Jobs;

/// <summary>
/// Background jobs on a store two app instances share, as behind a load balancer: an instance that starts leaves the
/// other's running jobs alone, a job is cancelled from either instance, and a job whose instance stopped is marked
/// Interrupted by the other once its heartbeat is older than four beats (1 s each here), and resumes there. A
/// PostgreSQL deployment: on SQLite one instance has the store (its start-up interrupts whatever is left at once).
/// </summary>
[Trait(TestStore.Trait, TestStore.PostgreSqlOnly)]
public sealed class JobRunnerInstancesTests : IAsyncLifetime
{
    private static readonly JobsOptions Jobs = CountingJobApps.Jobs;

    private TestDatabase? database;
    private CountingJobApps apps = null!;

    private CountingLedger Ledger => apps.Ledger;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (!TestStore.IsPostgreSql) Assert.Skip("Several app instances on one store are a PostgreSQL deployment.");
        database = await TestDatabase.CreateAsync();
        apps = new CountingJobApps(database);
    }

    public async ValueTask DisposeAsync()
    {
        if (database is null) return;   // skipped
        await apps.DisposeAsync();
        await database.DisposeAsync();
    }

    private AppFactory StartInstance() => apps.Start();

    private static JobActions Actions(AppFactory app) => CountingJobApps.Actions(app);

    private static Task<long> StartAsync(AppFactory app, CountingJob job) => CountingJobApps.StartJobAsync(app, job);

    private Task<BackgroundJob> RowAsync(long id) => apps.RowAsync(id);

    private Task<BackgroundJob> WaitForStateAsync(long id, JobState state) => apps.WaitForStateAsync(id, state);

    [Fact]
    public async Task An_instance_that_starts_leaves_the_other_instances_running_job_alone_past_the_abandonment_window()
    {
        var first = StartInstance();
        var id = await StartAsync(first, new CountingJob(Items: 50, BatchSize: 10, HoldAt: 23));
        await Ledger.WaitUntilHeldAsync();

        StartInstance();
        // The first instance's heartbeat goes on while the second sweeps every second: once the job has been beating
        // for longer than the window since the second started, the second has had every chance to take it.
        var secondStarted = DateTime.UtcNow;
        await Eventually.HoldsAsync(async () => (await RowAsync(id)).HeartbeatAt > secondStarted + Jobs.AbandonedAfter + Jobs.Heartbeat,
            TimeSpan.FromSeconds(60), "the first instance's heartbeat went on");

        Assert.Equal(JobState.Running, (await RowAsync(id)).State);
        Ledger.Release();
        var job = await WaitForStateAsync(id, JobState.Succeeded);
        Assert.Equal(50L, job.Processed);
        Assert.Equal(Enumerable.Range(1, 50), Ledger.Finished);
    }

    [Fact]
    public async Task Cancel_asked_of_the_other_instance_stops_the_job_at_its_next_batch()
    {
        var first = StartInstance();
        var second = StartInstance();
        var id = await StartAsync(first, new CountingJob(Items: 50, BatchSize: 10, HoldAt: 23));
        await Ledger.WaitUntilHeldAsync();

        Assert.IsType<JobOutcome.Done>(await Actions(second).CancelAsync(TestUsers.Marketer(), id, Ct));
        Ledger.Release();

        var job = await WaitForStateAsync(id, JobState.Cancelled);
        Assert.Equal((30L, 30L), (job.Processed, job.Position));
        Assert.Equal(Enumerable.Range(1, 30), Ledger.Finished);
    }

    [Fact]
    public async Task A_job_whose_instance_stopped_is_marked_interrupted_by_the_other_and_resumes_there_without_redoing_finished_items()
    {
        var first = StartInstance();
        var second = StartInstance();
        var id = await StartAsync(first, new CountingJob(Items: 50, BatchSize: 10, HoldAt: 23));
        await Ledger.WaitUntilHeldAsync();

        await first.DisposeAsync();   // its heartbeat stops, as a killed process's would
        Ledger.Release();

        var interrupted = await WaitForStateAsync(id, JobState.Interrupted);
        Assert.Equal((20L, 20L), (interrupted.Processed, interrupted.Position));
        Assert.Equal(id, Assert.IsType<JobOutcome.Done>(await Actions(second).ResumeAsync(TestUsers.Marketer(), id, Ct)).JobId);
        var job = await WaitForStateAsync(id, JobState.Succeeded);
        Assert.Equal((50L, 50L), (job.Processed, job.Position));
        Assert.Equal(Enumerable.Range(1, 50), Ledger.Finished);
        Assert.Equal(second.Services.GetRequiredService<JobRunner>().Id, job.Runner);
    }
}
