namespace ContactsAdmin.Features.Jobs;

/// <summary>
/// Keeps a page's list of jobs current while one of them is active, by reading it again every <see cref="Interval"/>
/// until the page closes: a job's row is the truth wherever the job runs (several app instances may share a PostgreSQL
/// store, and only the one running a job publishes its batches in its process).
/// </summary>
public sealed class ActiveJobsPoll : IDisposable
{
    /// <summary>How often a page reads again the rows of active jobs it shows.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource stop = new();

    /// <summary>
    /// Reads again with <paramref name="readAgain"/> (which shows what it read and says whether a job is still active) at
    /// each interval, as long as it says one is.
    /// </summary>
    public void Start(Func<CancellationToken, Task<bool>> readAgain) => _ = PollAsync(readAgain, stop.Token);

    private static async Task PollAsync(Func<CancellationToken, Task<bool>> readAgain, CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(Interval);
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (!await readAgain(ct)) return;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page closed.
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
