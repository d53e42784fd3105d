namespace ContactsAdmin.Data;

/// <summary>Where a background job stands. Stored by name.</summary>
public enum JobState { Queued, Running, Succeeded, Failed, Cancelled, Interrupted }

/// <summary>
/// One piece of long work (an import, a bulk action) run in the background: who started it, how far it got, and how it
/// ended. Progress is written once per batch, so after a restart the row says how far an interrupted job got and
/// <see cref="Position"/> tells it where to go on.
/// </summary>
public class BackgroundJob
{
    public const int KindMaxLength = 32;
    public const int TitleMaxLength = 260;
    public const int StartedByMaxLength = 256;
    public const int ErrorMaxLength = 2000;
    public const int RunnerMaxLength = 100;

    public long Id { get; set; }
    /// <summary>Which handler runs it, e.g. "import".</summary>
    public string Kind { get; set; } = "";
    /// <summary>What people call it, e.g. the imported file's name.</summary>
    public string Title { get; set; } = "";
    /// <summary>The signed-in user's email.</summary>
    public string StartedBy { get; set; } = "";
    public DateTime QueuedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public JobState State { get; set; }
    /// <summary>Items the job will process (rows of a file), when known.</summary>
    public long? Total { get; set; }
    public long Processed { get; set; }
    /// <summary>Outcomes by name ("created", "updated", "unchanged", "failed"...), a JSON object of counts.</summary>
    public string Counters { get; set; } = "{}";
    /// <summary>The last position the job finished (e.g. a line number), 0 before the first batch: a resumed job goes on after it.</summary>
    public long Position { get; set; }
    public string? Error { get; set; }
    /// <summary>The job kind's own options, as JSON.</summary>
    public string Parameters { get; set; } = "{}";
    /// <summary>
    /// The app instance whose queue holds the job (Queued) or that runs it (Running); only that instance writes the
    /// job's progress. Several instances may share one PostgreSQL store, each with its own queue.
    /// </summary>
    public string? Runner { get; set; }
    /// <summary>When <see cref="Runner"/> last said it still holds the job: one that stopped saying so has stopped.</summary>
    public DateTime? HeartbeatAt { get; set; }
    /// <summary>Someone asked the job to stop, on whichever instance: its runner stops it after the batch it is on.</summary>
    public bool CancelRequested { get; set; }
}
