using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Jobs;

/// <summary>How fast a job goes and how long it has left, from its progress alone (so every page shows the same).</summary>
/// <param name="ItemsPerSecond">Items done per second in the current run; null before any time has passed.</param>
/// <param name="TimeLeft">At that rate, until the total; null when the total or the rate is unknown.</param>
public sealed record JobRate(double? ItemsPerSecond, TimeSpan? TimeLeft)
{
    public static JobRate Of(JobProgress progress)
    {
        // A queued or interrupted job is not moving, and its row does not say when it stopped.
        if (progress.RunStartedAt is not { } start || progress.State is JobState.Queued or JobState.Interrupted) return new(null, null);
        var seconds = (progress.At - start).TotalSeconds;
        var done = progress.Processed - progress.RunStartProcessed;
        if (seconds <= 0 || done <= 0) return new(null, null);
        var rate = done / seconds;
        TimeSpan? left = progress.IsActive && progress.Total is { } total
            ? TimeSpan.FromSeconds(Math.Max(0, total - progress.Processed) / rate)
            : null;
        return new(rate, left);
    }
}
