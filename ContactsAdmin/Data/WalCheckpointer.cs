using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data;

/// <summary>
/// Copies the write-ahead log back into the database file from a background task, instead of from inside the
/// commit that happens to fill the log past SQLite's threshold (its automatic checkpoint, turned off on the app's
/// connections, see <see cref="SqliteConnectionPragmas"/>). Writers take turns (the API's through a gate), so a
/// checkpoint inside a commit made every writer queued behind it wait for the disk; here it runs beside them
/// (a PASSIVE checkpoint takes no lock a writer needs) on the core the writer is not using. Measured on bulk
/// contact ingest: 4,195 -> 4,806 contacts/s; on a 1M-row all-update import the commits' wait 103 s -> 52 s (the
/// import 268 -> 216 s by hand, 280 -> 260 s in the bench), and a 1M-row import's peak RSS 980 -> 394 MB (docs/benchmarks.md).
/// </summary>
internal sealed class WalCheckpointer(IDbContextFactory<AppDbContext> factory, ILogger<WalCheckpointer> logger) : StoreUpkeep
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A passive checkpoint cannot start the log over while writers keep appending to it; past this many pages
    /// (1 GiB at 4 KiB) a RESTART checkpoint waits for the writer of the moment and holds the next one back until
    /// the log starts over, so the log never grows without bound.
    /// </summary>
    private const long RestartAtPages = 262_144;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await CheckpointAsync("PASSIVE", stoppingToken) > RestartAtPages)
                        await CheckpointAsync("RESTART", stoppingToken);
                }
                catch (StoreUnavailableException)
                {
                    // The store is gone: /health/ready says so and writes are refused; nothing to copy until it is back.
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A busy or failing checkpoint loses nothing (the log keeps every commit); try again on the next tick.
                    logger.LogWarning(e, "Checkpoint of the write-ahead log failed; retrying.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: SQLite checkpoints when the last connection closes.
        }
    }

    /// <summary>Runs one checkpoint and returns the pages the log held when it began.</summary>
    private async Task<long> CheckpointAsync(string mode, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";   // one of two constants above
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? reader.GetInt64(1) : 0;   // busy, pages in the log, pages copied
    }
}
