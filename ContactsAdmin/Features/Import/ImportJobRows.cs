using System.Runtime.CompilerServices;
using System.Text.Json;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// The import jobs' rows with their stored parameters, newest first, read one at a time: what the past imports list and
/// the remembered mappings look through. A row whose parameters no longer read as <see cref="ImportJobParameters"/>
/// (an older shape) is passed over.
/// </summary>
internal static class ImportJobRows
{
    public static async IAsyncEnumerable<(BackgroundJob Job, ImportJobParameters Parameters)> NewestFirstAsync(
        IDbContextFactory<AppDbContext> dbFactory, int limit, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = db.BackgroundJobs.AsNoTracking().Where(j => j.Kind == ImportJobParameters.JobKind)
            .OrderByDescending(j => j.QueuedAt).ThenByDescending(j => j.Id).Take(limit).AsAsyncEnumerable();
        await foreach (var job in jobs.WithCancellation(ct))
        {
            if (Read(job.Parameters) is { } parameters) yield return (job, parameters);
        }
    }

    private static ImportJobParameters? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ImportJobParameters>(json) is { Columns: not null, Mapping: not null, Options: not null } p ? p : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
