using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Jobs;

/// <summary>Jobs as the pages read them: the list of past jobs, and one job (live when this process runs it).</summary>
public sealed class JobQueries(IDbContextFactory<AppDbContext> dbFactory, JobProgressFeed feed, TimeProvider clock)
{
    /// <summary>The jobs page lists this many, newest first.</summary>
    public const int ListLimit = 200;

    /// <summary>The newest jobs, of one <paramref name="kind"/> or all.</summary>
    public async Task<IReadOnlyList<JobProgress>> ListAsync(string? kind = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = db.BackgroundJobs.AsNoTracking();
        if (kind is not null) jobs = jobs.Where(j => j.Kind == kind);
        var rows = await jobs.OrderByDescending(j => j.QueuedAt).ThenByDescending(j => j.Id).Take(ListLimit).ToListAsync(ct);
        var now = Now;
        return [.. rows.Select(j => JobProgress.Of(j, now))];
    }

    /// <summary>
    /// The job as the runner of this process last published it while it is active here, or as its row says: once it
    /// ended here, or when another instance runs it (several may share a PostgreSQL store), the row is the truth.
    /// </summary>
    public async Task<JobProgress?> FindAsync(long jobId, CancellationToken ct = default)
    {
        if (feed.Latest(jobId) is { IsActive: true } live) return live;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.BackgroundJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        return job is null ? null : JobProgress.Of(job, Now);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
