namespace ContactsAdmin.Features.Jobs;

/// <summary>
/// Housekeeping that runs at start-up and then every <see cref="Interval"/> for as long as the app runs (old uploads,
/// expired merge snapshots). A failed round is logged and the next one tries again: housekeeping never stops the app.
/// </summary>
public abstract class PeriodicSweep(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What is swept, for the log, e.g. "uploaded import files".</summary>
    protected abstract string What { get; }

    /// <summary>One round of the sweep.</summary>
    protected abstract Task SweepOnceAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogWarning(e, "The sweep of {What} failed; it runs again in {Interval}.", What, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
