using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Segments;

/// <summary>A page of a segment's contact ids, by id ascending; <paramref name="Next"/> is the last id, to pass as "after", or null at the end.</summary>
public sealed record SegmentMemberPage(IReadOnlyList<long> ContactIds, long? Next);

/// <summary>A saved segment in the card's list of the segments a contact is in.</summary>
public sealed record ContactSegment(int Id, string Name);

/// <summary>
/// Who is in saved segments, evaluated now (members are never stored): a page of one segment's members for the API,
/// and the segments one contact is in for the card. Reading only: anyone who may see contacts may ask.
/// </summary>
public sealed class SegmentMembers(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <summary>Members with an id above <paramref name="after"/>, at most <paramref name="limit"/>; null when there is no such segment.</summary>
    public async Task<SegmentMemberPage?> PageAsync(int segmentId, long after, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var definition = await db.Segments.Where(s => s.Id == segmentId).Select(s => s.Definition).SingleOrDefaultAsync(ct);
        if (definition is null) return null;
        var rule = await SegmentPredicates.PrepareAsync(db, SegmentRuleJson.Read(definition) ?? SegmentRule.Everyone, clock.GetUtcNow().UtcDateTime, ct);
        // One more than asked says whether another page follows, so the last page says so itself.
        var ids = await rule.Apply(db.Contacts.Where(c => c.Id > after)).OrderBy(c => c.Id).Select(c => c.Id).Take(limit + 1).ToListAsync(ct);
        return ids.Count > limit ? new SegmentMemberPage(ids[..limit], ids[limit - 1]) : new SegmentMemberPage(ids, null);
    }

    /// <summary>
    /// The saved segments (at most <see cref="SegmentLimits.MaxSegments"/>) whose rule the contact meets, by name: one
    /// look-up of the contact's row per segment, each on the primary key.
    /// </summary>
    public async Task<IReadOnlyList<ContactSegment>> ContainingAsync(long contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var segments = await db.Segments.AsNoTracking().OrderBy(s => s.Name).Take(SegmentLimits.MaxSegments)
            .Select(s => new { s.Id, s.Name, s.Definition }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = segments.Select(s => SegmentRuleJson.Read(s.Definition) ?? SegmentRule.Everyone).ToList();
        // What all the rules refer to, read once rather than once per segment.
        var references = await SegmentReferences.LoadAsync(db, new SegmentRule { Groups = [.. rules.SelectMany(r => r.Groups)] }, ct);
        var containing = new List<ContactSegment>();
        for (var i = 0; i < segments.Count; i++)
        {
            var rule = SegmentPredicates.Prepare(db, rules[i], references, now);
            if (await rule.Apply(db.Contacts.Where(c => c.Id == contactId)).AnyAsync(ct)) containing.Add(new ContactSegment(segments[i].Id, segments[i].Name));
        }
        return containing;
    }
}
