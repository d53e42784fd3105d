using System.Collections.Concurrent;
using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Jobs;

/// <summary>
/// The options of a <see cref="CountingJobHandler"/> job: count items 1 to <paramref name="Items"/> in batches;
/// throw at <paramref name="FailAt"/>; wait at <paramref name="HoldAt"/> (inside a batch) until the test releases it.
/// </summary>
public sealed record CountingJob(int Items, int BatchSize, int? FailAt = null, int? HoldAt = null);

/// <summary>
/// What the counting handler did, shared by every app a test starts (so it outlives a stopped one): the items of each
/// batch it finished, and a hold a test waits at and releases.
/// </summary>
public sealed class CountingLedger
{
    private readonly ConcurrentQueue<int> finished = new();
    private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every item of every finished batch, in order: an item done twice appears twice.</summary>
    public IReadOnlyList<int> Finished => [.. finished];

    /// <summary>Completes when a job reached its hold.</summary>
    public Task Held => held.Task;

    public void Release() => released.TrySetResult();

    internal void Finish(IEnumerable<int> items)
    {
        foreach (var item in items) finished.Enqueue(item);
    }

    internal async Task HoldAsync(CancellationToken stopping)
    {
        held.TrySetResult();
        await released.Task.WaitAsync(stopping);
    }

    /// <summary>The app with the counting handler and this ledger in it.</summary>
    public void InstallIn(IWebHostBuilder host) => host.ConfigureServices(services =>
    {
        services.AddSingleton(this);
        services.AddJobHandler<CountingJobHandler>();
    });

    /// <summary>Waits (as long as a slow machine may need) for the job to reach its hold.</summary>
    public Task WaitUntilHeldAsync() => Held.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
}

/// <summary>A job kind for tests: counts items in batches, even ones as "created" and odd ones as "updated".</summary>
public sealed class CountingJobHandler(CountingLedger ledger) : IJobHandler
{
    public const string KindName = "counting";

    public string Kind => KindName;

    public async Task RunAsync(JobContext job, CancellationToken stopping)
    {
        var options = job.ParametersAs<CountingJob>();
        await job.SetTotalAsync(options.Items);
        var batch = new List<int>();
        for (var item = (int)job.ResumeAfter + 1; item <= options.Items; item++)
        {
            if (item == options.FailAt) throw new InvalidOperationException($"Item {item} cannot be counted.");
            if (item == options.HoldAt) await ledger.HoldAsync(stopping);
            batch.Add(item);
            if (batch.Count < options.BatchSize && item < options.Items) continue;

            ledger.Finish(batch);
            var created = batch.Count(i => i % 2 == 0);
            await job.ReportBatchAsync(new JobBatch(batch.Count, item, new Dictionary<string, long>
            {
                [JobCounters.Created] = created,
                [JobCounters.Updated] = batch.Count - created,
            }));
            batch.Clear();
        }
    }
}
