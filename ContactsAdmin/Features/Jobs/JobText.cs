using System.Globalization;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Jobs;

/// <summary>How a job's numbers read on a page: one wording for every page that shows a job.</summary>
public static class JobText
{
    public static string State(JobState state) => state switch
    {
        JobState.Queued => "Queued",
        JobState.Running => "Running",
        JobState.Succeeded => "Succeeded",
        JobState.Failed => "Failed",
        JobState.Cancelled => "Cancelled",
        JobState.Interrupted => "Interrupted",
        _ => state.ToString(),
    };

    /// <summary>"1,200 of 5,000 rows" or "1,200 rows" while the total is unknown.</summary>
    public static string Count(JobProgress job, string unit) => job.Total is { } total
        ? $"{N(job.Processed)} of {N(total)} {unit}"
        : $"{N(job.Processed)} {unit}";

    public static string Rate(JobRate rate, string unit) =>
        rate.ItemsPerSecond is { } perSecond ? $"{N((long)Math.Round(perSecond))} {unit}/s" : "";

    public static string TimeLeft(TimeSpan? left) => left switch
    {
        null => "",
        { TotalSeconds: < 60 } => "under a minute left",
        { TotalMinutes: < 60 } l => $"about {Math.Ceiling(l.TotalMinutes):0} min left",
        var l => $"about {(int)l.Value.TotalHours} h {l.Value.Minutes} min left",
    };

    /// <summary>"Created 3 · Updated 5", the common outcomes first.</summary>
    public static string Counters(IReadOnlyDictionary<string, long> counters) =>
        string.Join(" · ", JobCounters.InOrder(counters).Select(c => $"{JobCounters.Label(c.Key)} {N(c.Value)}"));

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
