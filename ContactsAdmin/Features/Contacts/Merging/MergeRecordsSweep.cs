using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Merging;

/// <summary>
/// Deletes merge records (and the snapshots of the merged-away contacts in them) once their undo period has passed:
/// at start-up and daily, as the import's sweep does for uploads.
/// </summary>
public sealed class MergeRecordsSweep(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<MergeRecordsSweep> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Deletes the records past their undo period; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.ContactMergeRecords.Where(r => r.UndoUntil < now).ExecuteDeleteAsync(ct);
        if (deleted > 0) logger.LogInformation("Deleted {Count} merge records past their undo period.", deleted);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The sweep of merge records failed; it runs again in {Interval}.", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
