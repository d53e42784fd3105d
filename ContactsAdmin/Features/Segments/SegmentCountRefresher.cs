using ContactsAdmin.Data;
using ContactsAdmin.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Segments;

/// <summary>
/// Counts saved segments again once their count is older than <see cref="SegmentCountOptions.RefreshAfterMinutes"/>,
/// oldest (and never counted) first, one at a time: the list page only reads stored counts, so a slow count never holds
/// it up, and one count at a time leaves the store to the people using it.
/// </summary>
public sealed class SegmentCountRefresher(SegmentStore segments, IDbContextFactory<AppDbContext> dbFactory, SegmentCountOptions options,
    TimeProvider clock, ILogger<SegmentCountRefresher> logger) : PeriodicSweep(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.CheckEveryMinutes);

    protected override string What => "segment counts";

    /// <summary>Counts every segment whose count is old or missing; returns how many were counted.</summary>
    public async Task<int> RefreshStaleAsync(CancellationToken ct)
    {
        var staleBefore = Clock.GetUtcNow().UtcDateTime.AddMinutes(-options.RefreshAfterMinutes);
        List<int> stale;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            stale = await db.Segments.Where(s => s.CountedAt == null || s.CountedAt < staleBefore)
                .OrderBy(s => s.CountedAt != null).ThenBy(s => s.CountedAt).Select(s => s.Id).ToListAsync(ct);
        }
        var counted = 0;
        foreach (var id in stale)
        {
            // A segment deleted since the list was read is simply skipped.
            if (await segments.CountAsync(id, ct) is not null) counted++;
        }
        return counted;
    }

    protected override Task SweepOnceAsync(CancellationToken ct) => RefreshStaleAsync(ct);
}
