namespace ContactsAdmin.Features.Jobs;

/// <summary>
/// Live progress in memory: the runner publishes each batch's progress here and open pages subscribe per job, so a
/// page follows a job without reading the database every second.
/// </summary>
public sealed class JobProgressFeed
{
    private readonly Lock gate = new();
    private readonly Dictionary<long, JobProgress> latest = [];
    private readonly Dictionary<long, List<Action<JobProgress>>> subscribers = [];

    /// <summary>The last progress published for the job in this process, if any.</summary>
    public JobProgress? Latest(long jobId)
    {
        lock (gate) return latest.GetValueOrDefault(jobId);
    }

    /// <summary>Calls <paramref name="onProgress"/> with each progress of the job from now on, until disposed.</summary>
    public IDisposable Subscribe(long jobId, Action<JobProgress> onProgress)
    {
        lock (gate)
        {
            if (!subscribers.TryGetValue(jobId, out var list)) subscribers[jobId] = list = [];
            list.Add(onProgress);
        }
        return new Subscription(this, jobId, onProgress);
    }

    public void Publish(JobProgress progress)
    {
        Action<JobProgress>[] listeners;
        lock (gate)
        {
            latest[progress.Id] = progress;
            listeners = subscribers.TryGetValue(progress.Id, out var list) ? [.. list] : [];
        }
        foreach (var listener in listeners) listener(progress);
    }

    private void Unsubscribe(long jobId, Action<JobProgress> onProgress)
    {
        lock (gate)
        {
            if (!subscribers.TryGetValue(jobId, out var list)) return;
            list.Remove(onProgress);
            if (list.Count == 0) subscribers.Remove(jobId);
        }
    }

    private sealed class Subscription(JobProgressFeed feed, long jobId, Action<JobProgress> onProgress) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(jobId, onProgress);
    }
}
