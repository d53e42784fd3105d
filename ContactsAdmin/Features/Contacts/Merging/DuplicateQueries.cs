using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Profile;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Merging;

/// <summary>One contact of a possible duplicate pair, as the list shows it.</summary>
public sealed record DuplicateSide(long Id, string DisplayName, string? Email, string? Phone, string? ExternalId);

/// <summary>A possible duplicate pair on the list.</summary>
public sealed record DuplicateRow(long PairId, DuplicateSide First, DuplicateSide Second, string Reason, int Score, DateTime FoundAt);

/// <summary>A page of the list and how many pairs there are in all.</summary>
public sealed record DuplicatePage(IReadOnlyList<DuplicateRow> Rows, int Total);

/// <summary>The possible duplicates page's reads (ranked by score, paged in SQL) and its "Not a duplicate".</summary>
public sealed class DuplicateQueries(IDbContextFactory<AppDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    public static readonly int[] PageSizes = [25, 50, 100];

    public async Task<DuplicatePage> ListAsync(int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = db.DuplicatePairs.AsNoTracking().Where(p => p.DismissedAt == null);
        var total = await open.CountAsync(ct);
        var rows = await open.OrderByDescending(p => p.Score).ThenBy(p => p.FirstId).ThenBy(p => p.SecondId)
            .Skip(page * pageSize).Take(pageSize)
            .Join(db.Contacts, p => p.FirstId, c => c.Id, (p, first) => new { p, first })
            .Join(db.Contacts, x => x.p.SecondId, c => c.Id, (x, second) => new
            {
                x.p.Id, x.p.Reason, x.p.Score, x.p.FoundAt,
                First = new { x.first.Id, x.first.FirstName, x.first.LastName, x.first.Email, x.first.Phone, x.first.ExternalId },
                Second = new { second.Id, second.FirstName, second.LastName, second.Email, second.Phone, second.ExternalId },
            })
            .ToListAsync(ct);
        return new DuplicatePage(
            [.. rows.OrderByDescending(r => r.Score).ThenBy(r => r.First.Id).ThenBy(r => r.Second.Id).Select(r => new DuplicateRow(r.Id,
                new DuplicateSide(r.First.Id, ContactNames.Display(r.First.FirstName, r.First.LastName, r.First.Email, r.First.Id), r.First.Email, r.First.Phone, r.First.ExternalId),
                new DuplicateSide(r.Second.Id, ContactNames.Display(r.Second.FirstName, r.Second.LastName, r.Second.Email, r.Second.Id), r.Second.Email, r.Second.Phone, r.Second.ExternalId),
                r.Reason, r.Score, r.FoundAt))],
            total);
    }

    /// <summary>When the last scan finished; null before the first.</summary>
    public async Task<DateTime?> LastScanAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BackgroundJobs.AsNoTracking().Where(j => j.Kind == DuplicateScanJob.JobKind && j.State == JobState.Succeeded)
            .MaxAsync(j => j.FinishedAt, ct);
    }

    /// <summary>The scan running or queued now, if any: the page shows its progress instead of starting another.</summary>
    public async Task<long?> ActiveScanAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BackgroundJobs.AsNoTracking()
            .Where(j => j.Kind == DuplicateScanJob.JobKind && (j.State == JobState.Queued || j.State == JobState.Running))
            .OrderByDescending(j => j.Id).Select(j => (long?)j.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>"Not a duplicate": the pair leaves the list and later scans leave it dismissed.</summary>
    public async Task<bool> DismissAsync(ClaimsPrincipal user, long pairId, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) throw new UnauthorizedAccessException(ContactMerging.NotAllowed);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.DuplicatePairs.Where(p => p.Id == pairId && p.DismissedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DismissedAt, now), ct) > 0;
    }
}
