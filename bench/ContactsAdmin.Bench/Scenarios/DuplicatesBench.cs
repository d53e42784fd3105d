using System.Diagnostics;
using ContactsAdmin.Features.Contacts.Merging;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// The possible duplicates scan over the whole store, once (it is a background job, not a page): streams the contacts
/// in id order, groups them by match key in memory and writes the pairs. Reports its time and the process's peak
/// working set, which the in-memory groups dominate.
/// </summary>
public static class DuplicatesBench
{
    private const string Group = "duplicates";

    public static async Task RunAsync(BenchContext context)
    {
        var scan = context.Create<DuplicateScan>();
        var clock = Stopwatch.StartNew();
        var result = await scan.RunAsync((_, _) => Task.CompletedTask, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        context.Add(new BenchResult(Group, $"scan for possible duplicates ({result.Contacts:N0} contacts)", Unit.Seconds, Stats.OneSample(seconds), null,
            "< 60 s at 1M, no cross join",
            $"{result.Pairs:N0} pairs, {result.SkippedGroups:N0} keys shared by too many skipped; peak working set {process.PeakWorkingSet64 / (1024 * 1024):N0} MB"));
    }
}
