using System.Globalization;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Ingest;

/// <summary>A page of GET /api/v1/contacts: the contacts, and the cursor of the next page (null on the last).</summary>
public sealed record ContactPage(IReadOnlyList<ContactView> Items, string? Next);

/// <summary>
/// Where a page of GET /api/v1/contacts starts. Without <see cref="UpdatedSince"/> contacts come by id, and the
/// cursor is the last id sent. With it they come by (LastEditAt, Id) from that time, and the cursor holds both.
/// </summary>
/// <remarks>
/// Why (LastEditAt, Id) and not id within the filter: a contact edited while a client pages moves to the end of this
/// order (its LastEditAt becomes the newest), so the same run meets it again with its new values; by id it would keep
/// its place, and if that place was already passed the run would miss the edit. A contact is therefore sent at least
/// once per run, and again when it changed during the run (the later copy is the newer one). What no cursor can see
/// is a write committed after the page was read but stamped earlier (a transaction takes its time when it starts):
/// clients syncing incrementally should take, as the next run's updatedSince, the time their previous run started
/// less a minute, and treat contacts by id as upserts.
/// </remarks>
public sealed record ContactCursor(DateTime? UpdatedSince, DateTime? LastEditAt, long AfterId)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The cursor text for the page after the contact <paramref name="id"/>: its id, or its LastEditAt and id ("2026-03-03T10:15:00.1234567Z_123").</summary>
    public string Next(DateTime lastEditAt, long id) => UpdatedSince is null
        ? id.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{lastEditAt:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}_{id}");

    /// <summary>Reads <c>after</c> as <see cref="Next"/> wrote it for the same mode; null when it is not such a cursor.</summary>
    public static ContactCursor? Read(DateTime? updatedSince, string? after)
    {
        if (string.IsNullOrWhiteSpace(after)) return new ContactCursor(updatedSince, null, 0);
        after = after.Trim();
        if (updatedSince is null)
            return long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? new ContactCursor(null, null, id) : null;
        var split = after.LastIndexOf('_');
        if (split <= 0
            || !DateTime.TryParseExact(after[..split], "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            || !long.TryParse(after[(split + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var afterId))
            return null;
        return new ContactCursor(updatedSince, DateTime.SpecifyKind(at, DateTimeKind.Unspecified), afterId);
    }
}

/// <summary>GET /api/v1/contacts without an identifier: every contact, a page at a time, by keyset.</summary>
public sealed class ContactListing(IDbContextFactory<AppDbContext> dbFactory, ContactApiQueries views)
{
    /// <summary>
    /// One page. The keys are read first on an index that gives their order (the primary key, or LastEditAt's index,
    /// which SQLite ends with the rowid, i.e. (LastEditAt, Id)), then the page's contacts with their devices, fields
    /// and subscriptions.
    /// </summary>
    public async Task<ContactPage> PageAsync(ContactCursor cursor, int limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contacts = db.Contacts.AsNoTracking();
        List<(long Id, DateTime LastEditAt)> keys;
        if (cursor.UpdatedSince is { } since)
        {
            var from = cursor.LastEditAt ?? since;
            var afterId = cursor.LastEditAt is null ? 0 : cursor.AfterId;
            // ">= from" seeks the index; the OR only settles ties of the time the previous page ended on.
            var rows = await contacts
                .Where(c => c.LastEditAt >= from && (c.LastEditAt > from || c.Id > afterId))
                .OrderBy(c => c.LastEditAt).ThenBy(c => c.Id)
                .Select(c => new { c.Id, c.LastEditAt }).Take(limit + 1).ToListAsync(ct);
            keys = [.. rows.Select(r => (r.Id, r.LastEditAt))];
        }
        else
        {
            var rows = await contacts.Where(c => c.Id > cursor.AfterId).OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.LastEditAt }).Take(limit + 1).ToListAsync(ct);
            keys = [.. rows.Select(r => (r.Id, r.LastEditAt))];
        }

        var page = keys.Take(limit).ToList();
        var items = await views.ByIdsAsync([.. page.Select(k => k.Id)], ct);
        var next = keys.Count > limit ? cursor.Next(page[^1].LastEditAt, page[^1].Id) : null;
        return new ContactPage(items, next);
    }
}
