using ContactsAdmin.Data;
using ContactsAdmin.Features.Jobs;

namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>A bulk job's result in a sentence: how many changed, and how many were left alone and why.</summary>
public static class BulkResultText
{
    public static string Of(JobProgress job)
    {
        var changed = job.Counters.Where(c => BulkOutcomes.IsChange(c.Key)).Sum(c => c.Value);
        var skipped = job.Counters.Where(c => !BulkOutcomes.IsChange(c.Key) && c.Value > 0).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var verb = job.Counters.ContainsKey(BulkOutcomes.Deleted) ? "deleted" : "changed";
        var counts = $"{JobText.N(changed)} {verb}, {JobText.N(skipped.Sum(c => c.Value))} unchanged" +
            (skipped.Count == 0 ? "" : $" ({string.Join(", ", skipped.Select(c => $"{c.Key}: {JobText.N(c.Value)}"))})");
        return job.State switch
        {
            JobState.Queued => "Waiting to start.",
            JobState.Running => $"So far: {counts}.",
            JobState.Succeeded => $"Done: {counts}.",
            _ => $"Stopped ({JobText.State(job.State).ToLowerInvariant()}) after: {counts}.",
        };
    }
}
