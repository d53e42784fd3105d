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

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (Concurrency is < 1 or > MaxConcurrency) yield return (nameof(Concurrency), $"must be from 1 to {MaxConcurrency}.");
    }
}
