using System.Collections.Concurrent;
using System.Threading.Channels;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Jobs;

/// <summary>
/// Runs queued jobs in the background, <see cref="JobsOptions.Concurrency"/> at a time, each by the handler of its
/// kind. A job's row is written as it goes (once per batch), so a job outlives the page that started it, and a process
/// that stops mid-job leaves the row Running, to be marked Interrupted, with how far it got: at the next start on a
/// store one instance uses; on a store several share, by any instance once the job's heartbeat is older than
/// <see cref="JobsOptions.AbandonedAfter"/>, since the others' jobs go on.
/// </summary>
public sealed class JobRunner(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopes,
    JobProgressFeed feed,
    JobsOptions options,
    StoreEngine engine,
    TimeProvider clock,
    ILogger<JobRunner> logger) : BackgroundService
{
    private readonly Channel<long> queue = Channel.CreateUnbounded<long>();
    /// <summary>The jobs this instance holds, waiting in its queue or running: the ones its heartbeat speaks for.</summary>
    private readonly ConcurrentDictionary<long, byte> held = new();

    /// <summary>
    /// This process, as the rows of the jobs it holds name it (<see cref="BackgroundJob.Runner"/>): the machine, the
    /// process and a random part, so that a restarted process never passes for the one before it.
    /// </summary>
    public string Id { get; } = $"{Truncated(Environment.MachineName, 60)}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Runs the job (already stored as Queued, with this runner's <see cref="Id"/>) when a worker is free.</summary>
    public void Enqueue(long jobId)
    {
        held[jobId] = 0;
        queue.Writer.TryWrite(jobId);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before any job is queued: whatever a previous process left running or queued will not go on by itself.
        var interrupted = await InterruptAbandonedJobsAsync(cancellationToken);
        if (interrupted > 0) logger.LogWarning("{Count} background job(s) were interrupted when the app last stopped.", interrupted);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var work = Enumerable.Range(0, options.Concurrency).Select(_ => WorkAsync(stoppingToken));
        return Task.WhenAll(engine.ServesSeveralInstances ? work.Append(KeepHeartbeatAsync(stoppingToken)) : work);
    }

    private async Task WorkAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var jobId in queue.Reader.ReadAllAsync(stopping))
                await RunAsync(jobId, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    /// <summary>
    /// Marks Interrupted, keeping how far they got, the queued and running jobs no live instance holds: on a store
    /// only this instance uses, every one a previous process left; on a shared store, those whose heartbeat is older
    /// than <see cref="JobsOptions.AbandonedAfter"/>. Returns how many.
    /// </summary>
    private async Task<int> InterruptAbandonedJobsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var abandoned = db.BackgroundJobs.Where(j => (j.State == JobState.Running || j.State == JobState.Queued) && j.Runner != Id);
        if (engine.ServesSeveralInstances)
        {
            var silentSince = Now - options.AbandonedAfter;
            abandoned = abandoned.Where(j => j.HeartbeatAt == null || j.HeartbeatAt < silentSince);
        }
        return await abandoned.ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Interrupted), ct);
    }

    /// <summary>On a shared store: says every heartbeat that this instance still holds its jobs, and interrupts the jobs of instances that stopped saying so.</summary>
    private async Task KeepHeartbeatAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Heartbeat, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await BeatAsync(stopping);
                    var interrupted = await InterruptAbandonedJobsAsync(stopping);
                    if (interrupted > 0) logger.LogWarning("{Count} background job(s) of an app instance that stopped were marked interrupted.", interrupted);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The background jobs' heartbeat failed; it is tried again in {Interval}.", options.Heartbeat);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The app is stopping: its jobs' heartbeats stop with it, and another instance will mark them Interrupted.
        }
    }

    private async Task BeatAsync(CancellationToken ct)
    {
        if (held.IsEmpty) return;
        var ids = held.Keys.ToArray();
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.BackgroundJobs.Where(j => ids.Contains(j.Id) && j.Runner == Id && (j.State == JobState.Running || j.State == JobState.Queued))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now), ct);
    }

    private async Task RunAsync(long jobId, CancellationToken stopping)
    {
        try
        {
            var runStartedAt = Now;
            BackgroundJob? job;
            await using (var db = await dbFactory.CreateDbContextAsync(stopping))
            {
                // Only a job still queued here starts: one cancelled while it waited stays cancelled, and one another
                // instance has taken over (resumed after this one was thought gone) is that instance's.
                var started = await db.BackgroundJobs.Where(j => j.Id == jobId && j.State == JobState.Queued && j.Runner == Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Running)
                        .SetProperty(j => j.StartedAt, j => j.StartedAt ?? runStartedAt)
                        .SetProperty(j => j.HeartbeatAt, runStartedAt), stopping);
                if (started == 0) return;
                job = await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, stopping);
            }
            await RunAsync(new Run(job, runStartedAt), stopping);
        }
        finally
        {
            held.TryRemove(jobId, out _);
        }
    }

    private async Task RunAsync(Run run, CancellationToken stopping)
    {
        var job = run.Job;
        var context = new JobContext(job, c => SaveProgressAsync(run, c), () => run.CancelRequested);
        feed.Publish(run.Progress(context, JobState.Running, Now));
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind)
                ?? throw new InvalidOperationException($"No handler runs jobs of kind \"{job.Kind}\".");
            await handler.RunAsync(context, stopping);
            await FinishAsync(run, context, JobState.Succeeded, error: null);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The app is stopping mid-job: the row keeps its last batch and says Running until it is marked Interrupted.
        }
        catch (JobCancelledException)
        {
            await FinishAsync(run, context, JobState.Cancelled, error: null);
        }
        catch (JobTakenException)
        {
            logger.LogWarning("Background job {JobId} ({Kind}) stopped: another app instance marked it interrupted (this one missed its heartbeats).", job.Id, job.Kind);
            await PublishStoredAsync(job.Id);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Background job {JobId} ({Kind}) failed.", job.Id, job.Kind);
            await FinishAsync(run, context, JobState.Failed, e.Message);
        }
    }

    /// <summary>
    /// Writes a batch's progress, while the job is still this runner's, and reads whether someone (on any instance) asked
    /// it to stop. Progress is written even while the app stops: the batch it reports is already committed.
    /// </summary>
    private async Task SaveProgressAsync(Run run, JobContext context)
    {
        var now = Now;
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            var counters = JobCounters.Write(context.Counters);
            var saved = await HeldRow(db, context.JobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Processed, context.Processed)
                .SetProperty(j => j.Position, context.Position)
                .SetProperty(j => j.Total, context.Total)
                .SetProperty(j => j.Counters, counters)
                .SetProperty(j => j.HeartbeatAt, now), CancellationToken.None);
            if (saved == 0) throw new JobTakenException();
            run.CancelRequested = await db.BackgroundJobs.Where(j => j.Id == context.JobId).Select(j => j.CancelRequested).SingleAsync(CancellationToken.None);
        }
        feed.Publish(run.Progress(context, JobState.Running, now));
    }

    private async Task FinishAsync(Run run, JobContext context, JobState state, string? error)
    {
        var finishedAt = Now;
        var message = error is { Length: > BackgroundJob.ErrorMaxLength } ? error[..BackgroundJob.ErrorMaxLength] : error;
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            var counters = JobCounters.Write(context.Counters);
            var finished = await HeldRow(db, context.JobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, state)
                .SetProperty(j => j.FinishedAt, finishedAt)
                .SetProperty(j => j.Error, message)
                .SetProperty(j => j.Processed, context.Processed)
                .SetProperty(j => j.Position, context.Position)
                .SetProperty(j => j.Total, context.Total)
                .SetProperty(j => j.Counters, counters), CancellationToken.None);
            if (finished == 0)
            {
                logger.LogWarning("Background job {JobId} ended {State}, but another app instance had marked it interrupted; it stays so.", context.JobId, state);
                await PublishStoredAsync(context.JobId);
                return;
            }
        }
        feed.Publish(run.Progress(context, state, finishedAt) with { FinishedAt = finishedAt, Error = message });
    }

    /// <summary>The job's row while this runner runs it: once another instance has marked it Interrupted, none.</summary>
    private IQueryable<BackgroundJob> HeldRow(AppDbContext db, long jobId) =>
        db.BackgroundJobs.Where(j => j.Id == jobId && j.Runner == Id && j.State == JobState.Running);

    /// <summary>Publishes the job as its row says, for this process's pages that followed it live.</summary>
    private async Task PublishStoredAsync(long jobId)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        if (await db.BackgroundJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, CancellationToken.None) is { } row)
            feed.Publish(JobProgress.Of(row, Now));
    }

    private static string Truncated(string text, int length) => text.Length > length ? text[..length] : text;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The job as this run found it: what its progress is measured from.</summary>
    private sealed record Run(BackgroundJob Job, DateTime StartedAt)
    {
        private readonly long startProcessed = Job.Processed;

        /// <summary>What the job's row said after the last batch: someone asked it to stop.</summary>
        public bool CancelRequested { get; set; }

        public JobProgress Progress(JobContext context, JobState state, DateTime at) => new(
            Job.Id, Job.Kind, Job.Title, Job.StartedBy, state, Job.QueuedAt, Job.StartedAt ?? StartedAt, FinishedAt: null,
            context.Total, context.Processed, context.Position, context.Counters, Error: null,
            At: at, RunStartedAt: StartedAt, RunStartProcessed: startProcessed);
    }
}

/// <summary>
/// Thrown at a batch's end when the job's row is no longer this runner's: another instance marked it Interrupted (this
/// one had missed its heartbeats), and it may have been resumed there. The runner stops it without writing again.
/// </summary>
internal sealed class JobTakenException() : Exception("Another app instance marked the job interrupted.");
