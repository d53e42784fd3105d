using ContactsAdmin.Data;
using ContactsAdmin.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// Deletes uploaded files nobody needs any more, so the import folder does not grow for ever: a file whose imports all
/// last ran (finished, or started when they were interrupted) more than <see cref="ImportFilesOptions.KeepDays"/> ago
/// (none of them can be resumed or rerun from it after that), and a file no import was started with, a day after it
/// was stored (an upload left on the page). A job still queued or running keeps its file. Runs at start-up and every
/// few hours in the app. The jobs' bad-row reports are small and stay.
/// </summary>
public sealed class ImportFilesSweep(
    IDbContextFactory<AppDbContext> dbFactory, ImportUploads uploads, ImportFilesOptions options, TimeProvider clock, ILogger<ImportFilesSweep> logger)
    : PeriodicSweep(clock, logger)
{
    /// <summary>How long an upload no import was started with is kept (the page may still be open on it).</summary>
    public static readonly TimeSpan UnusedUploadLifetime = TimeSpan.FromDays(1);

    protected override TimeSpan Interval => TimeSpan.FromHours(6);

    protected override string What => "uploaded import files";

    /// <summary>Deletes what is no longer needed; returns the ids deleted.</summary>
    public async Task<IReadOnlyList<string>> SweepAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var lastRun = new Dictionary<string, DateTime>(StringComparer.OrdinalIgnoreCase);
        await foreach (var (job, parameters) in ImportJobRows.NewestFirstAsync(dbFactory, int.MaxValue, ct))
        {
            var ran = job.State is JobState.Queued or JobState.Running ? DateTime.MaxValue : job.FinishedAt ?? job.StartedAt ?? job.QueuedAt;
            lastRun[parameters.UploadId] = lastRun.TryGetValue(parameters.UploadId, out var seen) && seen > ran ? seen : ran;
        }
        var deleted = new List<string>();
        foreach (var (id, storedAt) in uploads.All().ToList())
        {
            var expired = lastRun.TryGetValue(id, out var ran)
                ? ran != DateTime.MaxValue && now - ran > TimeSpan.FromDays(options.KeepDays)
                : now - storedAt > UnusedUploadLifetime;
            if (!expired) continue;
            try
            {
                uploads.Delete(id);
                deleted.Add(id);
            }
            catch (IOException e)
            {
                Logger.LogWarning(e, "Could not delete the uploaded import file {UploadId}.", id);
            }
        }
        if (deleted.Count > 0) Logger.LogInformation("Deleted {Count} uploaded import files no import needs any more.", deleted.Count);
        return deleted;
    }

    protected override Task SweepOnceAsync(CancellationToken ct) => SweepAsync(ct);
}
