namespace ContactsAdmin.Features.Jobs;

/// <summary>
/// The work of one kind of job (an import, a bulk action). Register it with
/// <see cref="JobHandlerRegistration.AddJobHandler{T}"/>; the runner calls it in a scope of its own.
/// </summary>
public interface IJobHandler
{
    /// <summary>The <see cref="Data.BackgroundJob.Kind"/> this handler runs, e.g. "import".</summary>
    string Kind { get; }

    /// <summary>
    /// Does the work in batches, reporting each finished batch with <see cref="JobContext.ReportBatchAsync"/> (which
    /// stops the job there when someone cancelled it). A resumed job starts after <see cref="JobContext.ResumeAfter"/>.
    /// <paramref name="stopping"/> fires when the app shuts down: what the batch in hand wrote should then roll back.
    /// An exception fails the job with its message.
    /// </summary>
    Task RunAsync(JobContext job, CancellationToken stopping);
}

public static class JobHandlerRegistration
{
    /// <summary>Makes <typeparamref name="T"/> the handler of its kind (scoped: one instance per run).</summary>
    public static IServiceCollection AddJobHandler<T>(this IServiceCollection services) where T : class, IJobHandler =>
        services.AddScoped<IJobHandler, T>();
}
