namespace ContactsAdmin.Features.ApiKeys;

/// <summary>
/// Writes API keys' last uses (recorded in memory by <see cref="ApiKeyService.MarkUsed"/>) every
/// <see cref="ApiKeyService.LastUseFlushInterval"/> and when the app stops, so authenticating a request never waits on a write.
/// </summary>
public sealed class ApiKeyLastUseWriter(ApiKeyService keys, TimeProvider clock, ILogger<ApiKeyLastUseWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ApiKeyService.LastUseFlushInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        try
        {
            await keys.FlushLastUsesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Kept in memory for the next round: a busy or missing store must not stop the writer.
            logger.LogWarning(e, "Could not write the API keys' last use; trying again in {Interval}.", ApiKeyService.LastUseFlushInterval);
        }
    }
}
