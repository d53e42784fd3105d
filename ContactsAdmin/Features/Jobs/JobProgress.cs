using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Jobs;

/// <summary>
/// A job as a page shows it, at one moment: read from its row, or published by the runner after each batch.
/// </summary>
/// <param name="At">When this was true (the end of the batch it reports).</param>
/// <param name="RunStartedAt">When the current run began (a resumed job's rate counts from its resumption).</param>
/// <param name="RunStartProcessed">How many items were done when the current run began.</param>
public sealed record JobProgress(
    long Id,
    string Kind,
    string Title,
    string StartedBy,
    JobState State,
    DateTime QueuedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    long? Total,
    long Processed,
    long Position,
    IReadOnlyDictionary<string, long> Counters,
    string? Error,
    DateTime At,
    DateTime? RunStartedAt,
    long RunStartProcessed)
{
    public bool IsFinished => State is JobState.Succeeded or JobState.Failed or JobState.Cancelled or JobState.Interrupted;

    public bool IsActive => State is JobState.Queued or JobState.Running;

    /// <summary>Whole per cent done; 100 once it succeeded; null while the total is unknown.</summary>
    public int? Percent => State == JobState.Succeeded ? 100
        : Total is > 0 and var total ? (int)Math.Min(100, Processed * 100 / total) : null;

    /// <summary>A stored job; <paramref name="now"/> stands for "when" where the row has no better moment.</summary>
    public static JobProgress Of(BackgroundJob job, DateTime now) => new(
        job.Id, job.Kind, job.Title, job.StartedBy, job.State, job.QueuedAt, job.StartedAt, job.FinishedAt,
        job.Total, job.Processed, job.Position, JobCounters.Read(job.Counters), job.Error,
        At: job.FinishedAt ?? now, RunStartedAt: job.StartedAt, RunStartProcessed: 0);
}
