using ContactsAdmin.Data;
using ContactsAdmin.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Import;

/// <summary>An import that ran (or runs): its job as pages show it, and the file it reads.</summary>
public sealed record PastImport(JobProgress Job, string FileName);

/// <summary>The imports the import page lists: real ones, not dry runs, newest first.</summary>
public sealed class PastImports(IDbContextFactory<AppDbContext> dbFactory, JobProgressFeed feed, TimeProvider clock)
{
    /// <summary>The list shows this many.</summary>
    public const int Shown = 50;

    /// <summary>Dry runs are jobs too; this many rows are read at most to find <see cref="Shown"/> real imports.</summary>
    private const int JobsLookedAt = 1_000;

    public async Task<IReadOnlyList<PastImport>> ListAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var imports = new List<PastImport>();
        await foreach (var (job, parameters) in ImportJobRows.NewestFirstAsync(dbFactory, JobsLookedAt, ct))
        {
            if (parameters.Options.DryRun) continue;
            // A job this process runs: its latest batch is newer than its row.
            imports.Add(new PastImport(feed.Latest(job.Id) ?? JobProgress.Of(job, now), parameters.FileName));
            if (imports.Count == Shown) break;
        }
        return imports;
    }
}
