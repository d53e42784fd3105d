using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.AuditLog;

/// <summary>What the audit page narrows the log to; days are the viewer's calendar days, both ends included.</summary>
public sealed record SettingsAuditFilter(string? Actor = null, SettingsArea? Area = null, DateOnly? From = null, DateOnly? To = null)
{
    public bool IsEmpty => this == new SettingsAuditFilter();
}

public sealed record SettingsAuditPage(IReadOnlyList<SettingsChange> Rows, int TotalCount);

/// <summary>Reads the settings audit log for /settings/audit: newest first, filtered and paged in SQL.</summary>
public sealed class SettingsAuditQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100];

    public async Task<SettingsAuditPage> ListAsync(SettingsAuditFilter filter, TimeZoneInfo zone, GridPage page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.SettingsChanges.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query = query.Where(c => c.Actor == filter.Actor);
        if (filter.Area is { } area) query = query.Where(c => c.Area == area);
        if (LocalDays.StartUtc(filter.From, zone) is { } from) query = query.Where(c => c.OccurredAt >= from);
        if (LocalDays.StartUtc(filter.To?.AddDays(1), zone) is { } until) query = query.Where(c => c.OccurredAt < until);

        var size = PageSizes.Contains(page.Size) ? page.Size : PageSizes[0];
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.OccurredAt).ThenByDescending(c => c.Id)
            .Skip(Math.Max(0, page.Index) * size).Take(size).ToListAsync(ct);
        return new SettingsAuditPage(rows, total);
    }

    /// <summary>Everyone who has changed a setting, for the "Who" filter.</summary>
    public async Task<IReadOnlyList<string>> ActorsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SettingsChanges.AsNoTracking().Select(c => c.Actor).Distinct().OrderBy(a => a).ToListAsync(ct);
    }
}
