using ContactsAdmin.Setup;

namespace ContactsAdmin.Features.Jobs;

/// <summary>How background jobs run, from the "Jobs" section.</summary>
public sealed record JobsOptions : ISettingsSection
{
    public static string Section => "Jobs";

    /// <summary>
    /// Jobs run at the same time. One by default: a job writes in batches, and SQLite has one writer, so two jobs
    /// would mostly wait for each other (and for the people editing contacts meanwhile).
    /// </summary>
    public int Concurrency { get; init; } = 1;

    public const int MaxConcurrency = 8;

    /// <summary>
    /// How often an instance writes that it still holds its queued and running jobs. On a store several instances share,
    /// a job whose instance missed <see cref="MissedHeartbeats"/> of them in a row is marked Interrupted by another.
    /// </summary>
    public int HeartbeatSeconds { get; init; } = 15;

    public const int MaxHeartbeatSeconds = 300;

    /// <summary>Heartbeats an instance may miss (a long pause, a slow database) before its jobs count as abandoned.</summary>
    public const int MissedHeartbeats = 4;

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds);

    /// <summary>How old a job's last heartbeat may be before another instance marks it Interrupted.</summary>
    public TimeSpan AbandonedAfter => Heartbeat * MissedHeartbeats;

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (Concurrency is < 1 or > MaxConcurrency) yield return (nameof(Concurrency), $"must be from 1 to {MaxConcurrency}.");
        if (HeartbeatSeconds is < 1 or > MaxHeartbeatSeconds) yield return (nameof(HeartbeatSeconds), $"must be from 1 to {MaxHeartbeatSeconds}.");
    }
}
