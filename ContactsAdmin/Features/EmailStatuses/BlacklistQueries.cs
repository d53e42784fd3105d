using ContactsAdmin.Data;
using ContactsAdmin.Profile;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.EmailStatuses;

public sealed record BlacklistFilter(string? Search = null, BlacklistReason? Reason = null, BlacklistScope? Scope = null, bool IncludeRemoved = false);

/// <summary>A blacklist entry with the contact that has the address now, if any.</summary>
public sealed record BlacklistRow(BlacklistEntry Entry, long? ContactId, string? ContactName);

public sealed record BlacklistPage(IReadOnlyList<BlacklistRow> Rows, int TotalCount);

/// <summary>The Blacklist page's reads, filtered and paged in SQL, newest first.</summary>
public sealed class BlacklistQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int PageSize = 50;

    public async Task<BlacklistPage> ListAsync(BlacklistFilter filter, int page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.BlacklistEntries.AsNoTracking();
        if (!filter.IncludeRemoved) entries = entries.Where(e => e.RemovedAt == null);
        if (filter.Reason is { } reason) entries = entries.Where(e => e.Reason == reason);
        if (filter.Scope is { } scope) entries = entries.Where(e => e.Scope == scope);
        if (filter.Search?.Trim().ToLowerInvariant() is { Length: > 0 } term) entries = entries.Where(e => e.Address.Contains(term));

        var total = await entries.CountAsync(ct);
        var rows = await entries
            .OrderByDescending(e => e.AddedAt).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, page) * PageSize).Take(PageSize)
            .Select(e => new
            {
                Entry = e,
                Contact = db.Contacts.Where(c => c.EmailNormalized == e.Address).Select(c => new { c.Id, c.FirstName, c.LastName, c.Email }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new BlacklistPage(
            rows.Select(r => new BlacklistRow(r.Entry, r.Contact?.Id,
                r.Contact is null ? null : ContactNames.Display(r.Contact.FirstName, r.Contact.LastName, r.Contact.Email, r.Contact.Id))).ToList(),
            total);
    }
}
