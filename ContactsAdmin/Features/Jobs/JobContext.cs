using System.Text.Json;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Jobs;

/// <summary>One finished batch: how many items it did, where it ended, and its outcomes by name (see <see cref="JobCounters"/>).</summary>
public sealed record JobBatch(long Items, long Position, IReadOnlyDictionary<string, long>? Outcomes = null);

/// <summary>Thrown at a batch's end when someone cancelled the job: the runner marks it Cancelled, keeping what was written.</summary>
public sealed class JobCancelledException() : OperationCanceledException("The job was cancelled.");

/// <summary>
/// What a handler knows of its job and how it reports: each batch's report is written to the job's row and shown
/// live on its page, so progress costs one small write per batch, never one per item.
/// </summary>
public sealed class JobContext
{
    private readonly Func<JobContext, Task> saveProgress;
    private readonly Func<bool> cancelRequested;

    internal JobContext(BackgroundJob job, Func<JobContext, Task> saveProgress, Func<bool> cancelRequested)
    {
        JobId = job.Id;
        Kind = job.Kind;
        Title = job.Title;
        StartedBy = job.StartedBy;
        Parameters = job.Parameters;
        ResumeAfter = job.Position;
        Position = job.Position;
        Processed = job.Processed;
        Total = job.Total;
        Counters = JobCounters.Read(job.Counters);
        this.saveProgress = saveProgress;
        this.cancelRequested = cancelRequested;
    }

    public long JobId { get; }
    public string Kind { get; }
    public string Title { get; }
    /// <summary>Who started the job: a handler names them (or the job) in what it writes.</summary>
    public string StartedBy { get; }
    /// <summary>The job kind's own options, as JSON (<see cref="ParametersAs{T}"/> reads them).</summary>
    public string Parameters { get; }
    /// <summary>The position the last run finished, 0 for a new job: a handler skips up to and including it.</summary>
    public long ResumeAfter { get; }
    public long Position { get; private set; }
    public long Processed { get; private set; }
    public long? Total { get; private set; }
    public IReadOnlyDictionary<string, long> Counters { get; private set; }

    /// <summary>Someone asked the job to stop; <see cref="ReportBatchAsync"/> stops it after writing the batch's progress.</summary>
    public bool CancelRequested => cancelRequested();

    public T ParametersAs<T>() =>
        JsonSerializer.Deserialize<T>(Parameters) ?? throw new InvalidOperationException($"The job's parameters are not a {typeof(T).Name}.");

    /// <summary>How many items the whole job has (once known, e.g. after counting a file's lines).</summary>
    public Task SetTotalAsync(long total)
    {
        Total = total;
        return saveProgress(this);
    }

    /// <summary>
    /// Records a finished batch (written and published at once); then, if someone cancelled the job, stops it by
    /// throwing <see cref="JobCancelledException"/>, which the handler lets pass.
    /// </summary>
    public async Task ReportBatchAsync(JobBatch batch)
    {
        Processed += batch.Items;
        Position = batch.Position;
        Counters = JobCounters.Add(Counters, batch.Outcomes);
        await saveProgress(this);
        if (CancelRequested) throw new JobCancelledException();
    }
}
