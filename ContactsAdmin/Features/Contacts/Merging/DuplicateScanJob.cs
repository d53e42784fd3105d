using ContactsAdmin.Data;
using ContactsAdmin.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Merging;

/// <summary>The duplicates scan as a background job: progress counts contacts read; a resumed scan starts over (it keeps its groups in memory).</summary>
public sealed class DuplicateScanJob(DuplicateScan scan, IDbContextFactory<AppDbContext> dbFactory) : IJobHandler
{
    public const string JobKind = "duplicates-scan";
    public const string Title = "Scan for possible duplicates";
    public const string PairsFound = "pairs found";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext job, CancellationToken stopping)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(stopping))
            await job.SetTotalAsync(await db.Contacts.LongCountAsync(stopping));
        var result = await scan.RunAsync((items, position) => job.ReportBatchAsync(new JobBatch(items, position)), stopping);
        await job.ReportBatchAsync(new JobBatch(0, job.Position, new Dictionary<string, long> { [PairsFound] = result.Pairs }));
    }
}
