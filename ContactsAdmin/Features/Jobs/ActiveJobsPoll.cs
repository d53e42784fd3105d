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
    /// When a row of <paramref name="shown"/> is active: at each interval, the rows read again with <paramref name="read"/>
    /// and handed to <paramref name="show"/>, as long as one of them is still active.
    /// </summary>
    public void Follow<TRow>(IReadOnlyList<TRow> shown, Func<TRow, bool> isActive, Func<CancellationToken, Task<IReadOnlyList<TRow>>> read,
        Func<IReadOnlyList<TRow>, Task> show)
    {
        if (!shown.Any(isActive)) return;
        _ = PollAsync(async ct =>
        {
            var fresh = await read(ct);
            await show(fresh);
            return fresh.Any(isActive);
        }, stop.Token);
    }

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
