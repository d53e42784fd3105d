using ContactsAdmin.Data;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Fields;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// The mapping last used for a set of headers: that of the newest import job (a dry run counts, as its mapping is the
/// person's choice too) whose file had the same columns in the same order, compared without case. Nothing is stored
/// for it beyond the jobs themselves. A target that has since been archived or deleted comes back as "skip".
/// </summary>
public sealed class RememberedMappings(IDbContextFactory<AppDbContext> dbFactory, ProfileFieldTable fields)
{
    /// <summary>How many of the newest import jobs are looked through.</summary>
    public const int JobsLookedAt = 500;

    public async Task<ImportMapping?> FindAsync(IReadOnlyList<string> columns, IngestLookups lookups, CancellationToken ct = default)
    {
        if (columns.Count == 0) return null;
        await foreach (var (_, parameters) in ImportJobRows.NewestFirstAsync(dbFactory, JobsLookedAt, ct))
        {
            if (!parameters.Columns.SequenceEqual(columns, StringComparer.OrdinalIgnoreCase)) continue;
            try
            {
                var mapping = ImportMapping.FromJson(parameters.Mapping, columns, fields);
                return new ImportMapping([.. mapping.Columns.Select(target => StillExists(target, lookups) ? target : ColumnTarget.Skipped)]);
            }
            catch (ImportFileException)
            {
                continue;   // a mapping naming a profile field that no longer exists: look further back
            }
        }
        return null;
    }

    private static bool StillExists(ColumnTarget target, IngestLookups lookups) => target switch
    {
        ColumnTarget.Custom c => lookups.FieldByKey(c.Key) is { ArchivedAt: null },
        ColumnTarget.Category c => lookups.CategoryByKey(c.Key) is { ArchivedAt: null },
        _ => true,
    };
}
