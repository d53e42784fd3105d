using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using ContactsAdmin.Profile;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.EmailStatuses;

public sealed record BlacklistFilter(string? Search = null, BlacklistReason? Reason = null, BlacklistScope? Scope = null, bool IncludeRemoved = false)
{
    /// <summary>The CSV download of the entries this filter shows.</summary>
    public const string ExportPath = "/blacklist/export";

    public string ToExportUri() => UrlQuery.Build(ExportPath,
    [
        ("q", Search?.Trim()),
        ("reason", UrlQuery.Name(Reason)),
        ("scope", UrlQuery.Name(Scope)),
        ("removed", IncludeRemoved ? "true" : null),
    ]);

    /// <summary>Reads a filter from a URL's query (<see cref="ToExportUri"/>); anything unreadable counts as not set.</summary>
    public static BlacklistFilter FromUri(string uri)
    {
        var get = UrlQuery.Reader(uri);
        return new BlacklistFilter(get("q"), UrlQuery.Enum<BlacklistReason>(get("reason")), UrlQuery.Enum<BlacklistScope>(get("scope")),
            string.Equals(get("removed"), "true", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>A blacklist entry with the contact that has the address now, if any.</summary>
public sealed record BlacklistRow(BlacklistEntry Entry, long? ContactId, string? ContactName)
{
    public static BlacklistRow Of(BlacklistMatch match) => new(match.Entry, match.Contact?.Id,
        match.Contact is { } c ? ContactNames.Display(c.FirstName, c.LastName, c.Email, c.Id) : null);
}

/// <summary>The contact whose address an entry blocks, as read with the entry.</summary>
public sealed record BlacklistContact(long Id, string? FirstName, string? LastName, string? Email);

/// <summary>An entry and its contact, read in one query.</summary>
public sealed record BlacklistMatch(BlacklistEntry Entry, BlacklistContact? Contact);

public sealed record BlacklistPage(IReadOnlyList<BlacklistRow> Rows, int TotalCount);

/// <summary>The Blacklist page's reads, filtered and paged in SQL, newest first.</summary>
public sealed class BlacklistQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int PageSize = 50;

    public async Task<BlacklistPage> ListAsync(BlacklistFilter filter, int page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = Matching(db, filter);
        var total = await entries.CountAsync(ct);
        var rows = await WithContacts(db, entries.Skip(Math.Max(0, page) * PageSize).Take(PageSize)).ToListAsync(ct);
        return new BlacklistPage(rows.Select(BlacklistRow.Of).ToList(), total);
    }

    /// <summary>The entries the filter shows, in the page's order (newest first): the page and the export read this.</summary>
    public static IQueryable<BlacklistEntry> Matching(AppDbContext db, BlacklistFilter filter)
    {
        var entries = db.BlacklistEntries.AsNoTracking();
        if (!filter.IncludeRemoved) entries = entries.Where(e => e.RemovedAt == null);
        if (filter.Reason is { } reason) entries = entries.Where(e => e.Reason == reason);
        if (filter.Scope is { } scope) entries = entries.Where(e => e.Scope == scope);
        if (filter.Search?.Trim().ToLowerInvariant() is { Length: > 0 } term) entries = entries.Where(e => e.Address.Contains(term));
        return entries.OrderByDescending(e => e.AddedAt).ThenByDescending(e => e.Id);
    }

    /// <summary>Each entry with the contact that has its address now, if any.</summary>
    public static IQueryable<BlacklistMatch> WithContacts(AppDbContext db, IQueryable<BlacklistEntry> entries) =>
        entries.Select(e => new BlacklistMatch(e,
            db.Contacts.Where(c => c.EmailNormalized == e.Address).Select(c => new BlacklistContact(c.Id, c.FirstName, c.LastName, c.Email)).FirstOrDefault()));
}
