using ContactsAdmin.Data;
using ContactsAdmin.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Merging;

/// <summary>
/// Deletes merge records (and the snapshots of the merged-away contacts in them) once their undo period has passed:
/// at start-up and daily, as the import's sweep does for uploads.
/// </summary>
public sealed class MergeRecordsSweep(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<MergeRecordsSweep> logger)
    : PeriodicSweep(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromDays(1);

    protected override string What => "merge records";

    /// <summary>Deletes the records past their undo period; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.ContactMergeRecords.Where(r => r.UndoUntil < now).ExecuteDeleteAsync(ct);
        if (deleted > 0) Logger.LogInformation("Deleted {Count} merge records past their undo period.", deleted);
        return deleted;
    }

    protected override Task SweepOnceAsync(CancellationToken ct) => SweepAsync(ct);
}
