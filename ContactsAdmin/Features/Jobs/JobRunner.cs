using System.Collections.Concurrent;
using System.Threading.Channels;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Jobs;

/// <summary>
/// Runs queued jobs in the background, <see cref="JobsOptions.Concurrency"/> at a time, each by the handler of its
/// kind. A job's row is written as it goes (once per batch), so a job outlives the page that started it, and a process
/// that stops mid-job leaves the row Running: the next start marks it Interrupted, with how far it got.
/// </summary>
public sealed class JobRunner(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopes,
    JobProgressFeed feed,
    JobsOptions options,
    TimeProvider clock,
    ILogger<JobRunner> logger) : BackgroundService
{
    private readonly Channel<long> queue = Channel.CreateUnbounded<long>();
    private readonly ConcurrentDictionary<long, bool> cancelRequests = new();

    /// <summary>Runs the job (already stored as Queued) when a worker is free.</summary>
    public void Enqueue(long jobId)
    {
        cancelRequests.TryRemove(jobId, out _);
        queue.Writer.TryWrite(jobId);
    }

    /// <summary>Asks a running job to stop at its next batch.</summary>
    public void RequestCancel(long jobId) => cancelRequests[jobId] = true;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before any job is queued: whatever a previous process left running or queued will not go on by itself.
        var interrupted = await dbFactory.MarkInterruptedJobsAsync(cancellationToken);
        if (interrupted > 0) logger.LogWarning("{Count} background job(s) were interrupted when the app last stopped.", interrupted);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => WorkAsync(stoppingToken)));

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

    private async Task RunAsync(long jobId, CancellationToken stopping)
    {
        var runStartedAt = Now;
        BackgroundJob? job;
        await using (var db = await dbFactory.CreateDbContextAsync(stopping))
        {
            // Only a job still queued starts: one cancelled while it waited stays cancelled.
            var started = await db.BackgroundJobs.Where(j => j.Id == jobId && j.State == JobState.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Running).SetProperty(j => j.StartedAt, j => j.StartedAt ?? runStartedAt), stopping);
            if (started == 0) return;
            job = await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, stopping);
        }

        var run = new Run(job, runStartedAt);
        var context = new JobContext(job, c => SaveProgressAsync(run, c), () => cancelRequests.ContainsKey(jobId));
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
            // The app is stopping mid-job: the row keeps its last batch and says Running until the next start marks it Interrupted.
        }
        catch (JobCancelledException)
        {
            await FinishAsync(run, context, JobState.Cancelled, error: null);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Background job {JobId} ({Kind}) failed.", jobId, job.Kind);
            await FinishAsync(run, context, JobState.Failed, e.Message);
        }
        finally
        {
            cancelRequests.TryRemove(jobId, out _);
        }
    }

    // Progress is written even while the app stops: the batch it reports is already committed.
    private async Task SaveProgressAsync(Run run, JobContext context)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            var counters = JobCounters.Write(context.Counters);
            await db.BackgroundJobs.Where(j => j.Id == context.JobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Processed, context.Processed)
                .SetProperty(j => j.Position, context.Position)
                .SetProperty(j => j.Total, context.Total)
                .SetProperty(j => j.Counters, counters), CancellationToken.None);
        }
        feed.Publish(run.Progress(context, JobState.Running, Now));
    }

    private async Task FinishAsync(Run run, JobContext context, JobState state, string? error)
    {
        var finishedAt = Now;
        var message = error is { Length: > BackgroundJob.ErrorMaxLength } ? error[..BackgroundJob.ErrorMaxLength] : error;
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            var counters = JobCounters.Write(context.Counters);
            await db.BackgroundJobs.Where(j => j.Id == context.JobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, state)
                .SetProperty(j => j.FinishedAt, finishedAt)
                .SetProperty(j => j.Error, message)
                .SetProperty(j => j.Processed, context.Processed)
                .SetProperty(j => j.Position, context.Position)
                .SetProperty(j => j.Total, context.Total)
                .SetProperty(j => j.Counters, counters), CancellationToken.None);
        }
        feed.Publish(run.Progress(context, state, finishedAt) with { FinishedAt = finishedAt, Error = message });
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The job as this run found it: what its progress is measured from.</summary>
    private sealed record Run(BackgroundJob Job, DateTime StartedAt)
    {
        private readonly long startProcessed = Job.Processed;

        public JobProgress Progress(JobContext context, JobState state, DateTime at) => new(
            Job.Id, Job.Kind, Job.Title, Job.StartedBy, state, Job.QueuedAt, Job.StartedAt ?? StartedAt, FinishedAt: null,
            context.Total, context.Processed, context.Position, context.Counters, Error: null,
            At: at, RunStartedAt: StartedAt, RunStartProcessed: startProcessed);
    }
}

public static class InterruptedJobs
{
    /// <summary>
    /// Marks every job left Running or Queued as Interrupted (keeping how far it got), for a process that starts on a
    /// store another process stopped on. Returns how many.
    /// </summary>
    public static async Task<int> MarkInterruptedJobsAsync(this IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BackgroundJobs.Where(j => j.State == JobState.Running || j.State == JobState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Interrupted), ct);
    }
}
