using System.Security.Claims;
using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Jobs;

public abstract record JobOutcome
{
    private JobOutcome() { }

    /// <summary>Done; <paramref name="JobId"/> is the job that runs (a new one for a rerun).</summary>
    public sealed record Done(long JobId) : JobOutcome;
    /// <summary>The user may not do this, or the job is not in a state that allows it.</summary>
    public sealed record Refused(string Reason) : JobOutcome;
}

/// <summary>
/// Starting, cancelling, resuming and rerunning jobs. Every call asks the edit policy again: long work changes
/// contacts, and the page's user may have lost that right since it opened.
/// </summary>
public sealed class JobActions(IDbContextFactory<AppDbContext> dbFactory, IAuthorizationService authorization, JobRunner runner, JobProgressFeed feed, TimeProvider clock,
    IEnumerable<JobKindPolicy> kindPolicies)
{
    private static readonly JobOutcome NotAllowed = new JobOutcome.Refused("Only Marketers and Admins start or stop background jobs.");
    private static readonly JobOutcome Gone = new JobOutcome.Refused("This job no longer exists.");

    /// <summary>Queues a job of <paramref name="kind"/> with its handler's options, started by <paramref name="user"/>.</summary>
    public Task<JobOutcome> StartAsync<TParameters>(ClaimsPrincipal user, string kind, string title, TParameters parameters, CancellationToken ct = default) =>
        StartAsync(user, kind, title, JsonSerializer.Serialize(parameters), ct);

    public async Task<JobOutcome> StartAsync(ClaimsPrincipal user, string kind, string title, string parametersJson, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return NotAllowed;
        var job = new BackgroundJob
        {
            Kind = kind,
            Title = title.Length > BackgroundJob.TitleMaxLength ? title[..BackgroundJob.TitleMaxLength] : title,
            StartedBy = ActorOf(user),
            QueuedAt = Now,
            State = JobState.Queued,
            Parameters = parametersJson,
            Runner = runner.Id,
            HeartbeatAt = Now,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.BackgroundJobs.Add(job);
            await db.SaveChangesAsync(ct);
        }
        Queue(job);
        return new JobOutcome.Done(job.Id);
    }

    /// <summary>A queued job never starts; a running one stops at its next batch, keeping what it wrote.</summary>
    public async Task<JobOutcome> CancelAsync(ClaimsPrincipal user, long jobId, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var dequeued = await db.BackgroundJobs.Where(j => j.Id == jobId && j.State == JobState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Cancelled).SetProperty(j => j.FinishedAt, now), ct);
        var job = await db.BackgroundJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return Gone;
        if (dequeued > 0)
        {
            feed.Publish(JobProgress.Of(job, now));
            return new JobOutcome.Done(jobId);
        }
        // The instance running it (this one or another) reads the request after the batch it is on.
        var requested = await db.BackgroundJobs.Where(j => j.Id == jobId && j.State == JobState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct);
        return requested > 0 ? new JobOutcome.Done(jobId) : new JobOutcome.Refused("This job is not running.");
    }

    /// <summary>Runs a stopped job again from where it stopped: the items it finished are not done twice.</summary>
    public async Task<JobOutcome> ResumeAsync(ClaimsPrincipal user, long jobId, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await KindRefusesAsync(user, await db.BackgroundJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct)) is { } refused) return refused;
        var now = Now;
        var resumed = await db.BackgroundJobs.Where(j => j.Id == jobId && CanResume.Contains(j.State))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Queued).SetProperty(j => j.FinishedAt, (DateTime?)null).SetProperty(j => j.Error, (string?)null)
                .SetProperty(j => j.Runner, runner.Id).SetProperty(j => j.HeartbeatAt, now).SetProperty(j => j.CancelRequested, false), ct);
        var job = await db.BackgroundJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return Gone;
        if (resumed == 0) return new JobOutcome.Refused("Only an interrupted, cancelled or failed job can be resumed.");
        Queue(job);
        return new JobOutcome.Done(jobId);
    }

    /// <summary>A new job of the same kind, title and options, from the beginning, started by <paramref name="user"/>.</summary>
    public async Task<JobOutcome> RerunAsync(ClaimsPrincipal user, long jobId, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return NotAllowed;
        BackgroundJob? job;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            job = await db.BackgroundJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return Gone;
        if (await KindRefusesAsync(user, job) is { } refused) return refused;
        if (job.State is JobState.Queued or JobState.Running) return new JobOutcome.Refused("This job has not finished yet.");
        return await StartAsync(user, job.Kind, job.Title, job.Parameters, ct);
    }

    /// <summary>The states a job may be resumed from: it stopped before the end, and its position says where.</summary>
    public static readonly IReadOnlyList<JobState> CanResume = [JobState.Interrupted, JobState.Cancelled, JobState.Failed];

    /// <summary>Why <paramref name="user"/> may not resume or rerun <paramref name="job"/> (its kind's own policy), or null.</summary>
    private async Task<JobOutcome?> KindRefusesAsync(ClaimsPrincipal user, BackgroundJob? job)
    {
        if (job is null || kindPolicies.FirstOrDefault(p => p.Kind == job.Kind) is not { } kind) return null;
        return await authorization.AllowsAsync(user, kind.PolicyOf(job.Parameters)) ? null
            : new JobOutcome.Refused("Only an Admin may resume or rerun this job.");
    }

    private void Queue(BackgroundJob job)
    {
        feed.Publish(JobProgress.Of(job, Now) with { State = JobState.Queued, FinishedAt = null, Error = null });
        runner.Enqueue(job.Id);
    }

    private static string ActorOf(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown user";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
