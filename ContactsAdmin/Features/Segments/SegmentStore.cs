using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Segments;

/// <summary>A saved segment as the app shows it.</summary>
/// <param name="MemberCount">How many matched when last counted (<paramref name="CountedAt"/>); null until first counted.</param>
public sealed record SavedSegment(
    int Id, string Name, SegmentRule Rule, string CreatedBy, DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastUsedAt,
    int? MemberCount, DateTime? CountedAt);

/// <summary>The inputs of saving a segment, by which an error is shown under its field.</summary>
public enum SegmentInput { Name, Rule }

public abstract record SegmentOutcome
{
    private SegmentOutcome() { }

    public sealed record Saved(int Id) : SegmentOutcome;
    /// <summary>Bad input, by the field it is in, so each message sits under what was typed.</summary>
    public sealed record Invalid(IReadOnlyDictionary<SegmentInput, string> Errors) : SegmentOutcome;
    /// <summary>The user may not do this, or the segment is gone.</summary>
    public sealed record Refused(string Reason) : SegmentOutcome;
}

/// <summary>
/// Saved segments: Marketers and Admins save and change them (policy <see cref="Policies.CanEdit"/>, asked again on
/// every call), every role reads them. Each change is in the settings audit log.
/// </summary>
public sealed class SegmentStore(IDbContextFactory<AppDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    private static readonly SegmentOutcome NotAllowed = new SegmentOutcome.Refused("Only Marketers and Admins save segments.");

    public async Task<SavedSegment?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var segment = await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return segment is null ? null : ToSaved(segment);
    }

    public async Task<SegmentOutcome> CreateAsync(string? name, SegmentRule rule, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return NotAllowed;
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return Invalid(SegmentInput.Name, "Enter a name for the segment.");
        if (trimmed.Length > SegmentLimits.NameMaxLength) return Invalid(SegmentInput.Name, $"A name has at most {SegmentLimits.NameMaxLength} characters.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Segments.AnyAsync(s => s.Name == trimmed, ct)) return Invalid(SegmentInput.Name, $"A segment named {trimmed} already exists.");
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = SettingsAudit.ActorOf(user);
        var segment = new Segment
        {
            Name = trimmed, Definition = SegmentRuleJson.Write(rule), CreatedBy = actor, CreatedAt = now, UpdatedBy = actor, UpdatedAt = now,
        };
        db.Segments.Add(segment);
        SettingsAudit.Record(db, user, SettingsArea.Segment, trimmed, "Created", null, new { Rule = segment.Definition }, now);
        await db.SaveChangesAsync(ct);
        return new SegmentOutcome.Saved(segment.Id);
    }

    private static SegmentOutcome.Invalid Invalid(SegmentInput input, string error) =>
        new SegmentOutcome.Invalid(new Dictionary<SegmentInput, string> { [input] = error });

    internal static SavedSegment ToSaved(Segment segment) => new(
        segment.Id, segment.Name, SegmentRuleJson.Read(segment.Definition) ?? SegmentRule.Everyone, segment.CreatedBy, segment.CreatedAt,
        segment.UpdatedAt, segment.LastUsedAt, segment.MemberCount, segment.CountedAt);
}
