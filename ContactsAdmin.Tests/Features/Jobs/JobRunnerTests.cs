using ContactsAdmin.Data;
using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Jobs;

/// <summary>
/// Background jobs in the real app on the real store (SQLite, and PostgreSQL in its pass), run by a counting handler: they finish with their counts,
/// write progress once per batch, stop at the next batch when cancelled, fail with the handler's message, and outlive
/// a stopped app as an interrupted job that resumes where it stopped.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class JobRunnerTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private CountingJobApps apps = null!;

    private CountingLedger Ledger => apps.Ledger;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        apps = new CountingJobApps(database);
    }

    public async ValueTask DisposeAsync()
    {
        await apps.DisposeAsync();
        await database.DisposeAsync();
    }

    private AppFactory StartApp() => apps.Start();

    private static Task<long> StartAsync(AppFactory app, CountingJob job) => CountingJobApps.StartJobAsync(app, job);

    private Task<BackgroundJob> RowAsync(long id) => apps.RowAsync(id);

    private Task<BackgroundJob> WaitForStateAsync(long id, JobState state) => apps.WaitForStateAsync(id, state);

    [Fact]
    public async Task A_job_runs_to_succeeded_with_its_counts_and_who_started_it()
    {
        var app = StartApp();

        var id = await StartAsync(app, new CountingJob(Items: 45, BatchSize: 10));

        var job = await WaitForStateAsync(id, JobState.Succeeded);
        Assert.Equal((45L, 45L, 45L), (job.Total!.Value, job.Processed, job.Position));
        Assert.Equal(new Dictionary<string, long> { ["created"] = 22, ["updated"] = 23 }, JobCounters.Read(job.Counters));
        Assert.Equal("marketer@example.com", job.StartedBy);
        Assert.NotNull(job.StartedAt);
        Assert.NotNull(job.FinishedAt);
        Assert.Equal(Enumerable.Range(1, 45), Ledger.Finished);
    }

    [Fact]
    public async Task Progress_is_written_at_the_end_of_each_batch_not_for_each_item()
    {
        var app = StartApp();

        // Held at item 23, the third batch's third item: two batches are finished.
        var id = await StartAsync(app, new CountingJob(Items: 50, BatchSize: 10, HoldAt: 23));
        await Ledger.WaitUntilHeldAsync();

        var midway = await RowAsync(id);
        Assert.Equal(JobState.Running, midway.State);
        Assert.Equal((20L, 20L, 50L), (midway.Processed, midway.Position, midway.Total!.Value));
        Assert.Equal(new Dictionary<string, long> { ["created"] = 10, ["updated"] = 10 }, JobCounters.Read(midway.Counters));
        var live = await app.Services.GetRequiredService<JobQueries>().FindAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal((JobState.Running, 20L, 40), (live!.State, live.Processed, live.Percent!.Value));

        Ledger.Release();
        Assert.Equal(50, (await WaitForStateAsync(id, JobState.Succeeded)).Processed);
    }

    [Fact]
    public async Task Cancel_stops_the_job_at_the_next_batch_and_keeps_what_it_processed()
    {
        var app = StartApp();
        var id = await StartAsync(app, new CountingJob(Items: 50, BatchSize: 10, HoldAt: 23));
        await Ledger.WaitUntilHeldAsync();

        var outcome = await app.Services.GetRequiredService<JobActions>().CancelAsync(TestUsers.Marketer(), id, TestContext.Current.CancellationToken);
        Assert.IsType<JobOutcome.Done>(outcome);
        Ledger.Release();

        var job = await WaitForStateAsync(id, JobState.Cancelled);
        Assert.Equal((30L, 30L), (job.Processed, job.Position));
        Assert.Equal(Enumerable.Range(1, 30), Ledger.Finished);
        Assert.NotNull(job.FinishedAt);
    }

    [Fact]
    public async Task A_handler_exception_marks_the_job_failed_with_its_message()
    {
        var app = StartApp();

        var id = await StartAsync(app, new CountingJob(Items: 50, BatchSize: 10, FailAt: 27));

        var job = await WaitForStateAsync(id, JobState.Failed);
        Assert.Equal("Item 27 cannot be counted.", job.Error);
        Assert.Equal((20L, 20L), (job.Processed, job.Position));
    }

    [Fact]
    public async Task A_job_the_app_stopped_during_says_interrupted_after_a_restart_and_resumes_without_redoing_finished_items()
    {
        var first = StartApp();
        var id = await StartAsync(first, new CountingJob(Items: 50, BatchSize: 10, HoldAt: 23));
        await Ledger.WaitUntilHeldAsync();

        await first.DisposeAsync();
        Assert.Equal(JobState.Running, (await RowAsync(id)).State);   // as a killed process leaves it
        Ledger.Release();
        var second = StartApp();

        // On SQLite the new process has the store to itself, so whatever is left running was abandoned: at once. On
        // PostgreSQL another instance may be running it: once its heartbeat is older than four beats.
        var interrupted = StoreEngine.For(TestStore.Provider).ServesSeveralInstances
            ? JobProgress.Of(await WaitForStateAsync(id, JobState.Interrupted), DateTime.UtcNow)
            : await second.Services.GetRequiredService<JobQueries>().FindAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal((JobState.Interrupted, 20L, 20L), (interrupted!.State, interrupted.Processed, interrupted.Position));

        var outcome = await second.Services.GetRequiredService<JobActions>().ResumeAsync(TestUsers.Marketer(), id, TestContext.Current.CancellationToken);
        Assert.Equal(id, Assert.IsType<JobOutcome.Done>(outcome).JobId);
        var job = await WaitForStateAsync(id, JobState.Succeeded);
        Assert.Equal((50L, 50L), (job.Processed, job.Position));
        Assert.Equal(new Dictionary<string, long> { ["created"] = 25, ["updated"] = 25 }, JobCounters.Read(job.Counters));
        Assert.Equal(Enumerable.Range(1, 50), Ledger.Finished);
    }

    [Fact]
    public async Task A_job_marked_interrupted_while_it_ran_is_not_written_again_by_its_runner_and_resumes_from_its_last_saved_batch()
    {
        // What another instance does to a job whose instance stopped answering: it may have been paused, not gone.
        var app = StartApp();
        var id = await StartAsync(app, new CountingJob(Items: 50, BatchSize: 10, HoldAt: 23));
        await Ledger.WaitUntilHeldAsync();
        await using (var db = database.NewContext())
            await db.BackgroundJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Interrupted), TestContext.Current.CancellationToken);

        Ledger.Release();
        // The runner finishes the batch it is in (items 21 to 30), finds the job is no longer its own, and stops.
        await Eventually.HoldsAsync(() => Task.FromResult(Ledger.Finished.Count == 30), TimeSpan.FromSeconds(60), "the held batch finished");
        await Eventually.HoldsAsync(async () => (await app.Services.GetRequiredService<JobQueries>().FindAsync(id, TestContext.Current.CancellationToken))!.State == JobState.Interrupted,
            TimeSpan.FromSeconds(60), "the app's own page shows the job interrupted");
        var taken = await RowAsync(id);
        Assert.Equal((JobState.Interrupted, 20L, 20L, (DateTime?)null), (taken.State, taken.Processed, taken.Position, taken.FinishedAt));

        Assert.IsType<JobOutcome.Done>(await app.Services.GetRequiredService<JobActions>().ResumeAsync(TestUsers.Marketer(), id, TestContext.Current.CancellationToken));
        var job = await WaitForStateAsync(id, JobState.Succeeded);
        Assert.Equal((50L, 50L), (job.Processed, job.Position));
        // The batch that was written when the job was no longer its runner's is done again: at least once, never lost.
        Assert.Equal([.. Enumerable.Range(1, 30), .. Enumerable.Range(21, 30)], Ledger.Finished);
    }

    [Fact]
    public async Task Rerun_starts_a_new_job_from_the_beginning_with_the_same_options()
    {
        var app = StartApp();
        var first = await StartAsync(app, new CountingJob(Items: 12, BatchSize: 5));
        await WaitForStateAsync(first, JobState.Succeeded);

        var outcome = await app.Services.GetRequiredService<JobActions>().RerunAsync(TestUsers.Admin(), first, TestContext.Current.CancellationToken);

        var second = Assert.IsType<JobOutcome.Done>(outcome).JobId;
        Assert.NotEqual(first, second);
        var job = await WaitForStateAsync(second, JobState.Succeeded);
        Assert.Equal((12L, "admin@example.com", "Counting"), (job.Processed, job.StartedBy, job.Title));
        Assert.Equal([.. Enumerable.Range(1, 12), .. Enumerable.Range(1, 12)], Ledger.Finished);
    }

    [Fact]
    public async Task Jobs_run_one_at_a_time_by_default_so_the_next_starts_after_the_first_ends()
    {
        var app = StartApp();
        var first = await StartAsync(app, new CountingJob(Items: 30, BatchSize: 10, HoldAt: 15));
        var second = await StartAsync(app, new CountingJob(Items: 10, BatchSize: 10));
        await Ledger.WaitUntilHeldAsync();

        Ledger.Release();

        var later = await WaitForStateAsync(second, JobState.Succeeded);
        var earlier = await RowAsync(first);
        Assert.Equal(JobState.Succeeded, earlier.State);
        Assert.True(later.StartedAt >= earlier.FinishedAt, $"the second job started at {later.StartedAt:O}, before the first ended at {earlier.FinishedAt:O}");
    }

    [Fact]
    public async Task A_viewer_may_not_start_cancel_resume_or_rerun_a_job()
    {
        var app = StartApp();
        var actions = app.Services.GetRequiredService<JobActions>();
        var id = await StartAsync(app, new CountingJob(Items: 3, BatchSize: 5));
        await WaitForStateAsync(id, JobState.Succeeded);
        var ct = TestContext.Current.CancellationToken;

        Assert.IsType<JobOutcome.Refused>(await actions.StartAsync(TestUsers.Viewer(), CountingJobHandler.KindName, "Counting", new CountingJob(3, 5), ct));
        Assert.IsType<JobOutcome.Refused>(await actions.CancelAsync(TestUsers.Viewer(), id, ct));
        Assert.IsType<JobOutcome.Refused>(await actions.ResumeAsync(TestUsers.Viewer(), id, ct));
        Assert.IsType<JobOutcome.Refused>(await actions.RerunAsync(TestUsers.Viewer(), id, ct));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.BackgroundJobs.CountAsync(ct));
    }
}
