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

/// <summary>An exact count of a segment's members and when it was taken.</summary>
public sealed record SegmentCount(int Members, DateTime CountedAt);

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
    private static readonly SegmentOutcome Gone = new SegmentOutcome.Refused("This segment no longer exists.");
    private static readonly SegmentOutcome TooMany = new SegmentOutcome.Refused(
        $"There are already {SegmentLimits.MaxSegments} segments, the most a workspace keeps; delete one first.");
    private static readonly string[] NameColumn = [nameof(Segment.Name)];

    public async Task<SavedSegment?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var segment = await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return segment is null ? null : ToSaved(segment);
    }

    /// <summary>Every saved segment by name (there are at most <see cref="SegmentLimits.MaxSegments"/>).</summary>
    public async Task<IReadOnlyList<SavedSegment>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var segments = await db.Segments.AsNoTracking().OrderBy(s => s.Name).Take(SegmentLimits.MaxSegments).ToListAsync(ct);
        return [.. segments.Select(ToSaved)];
    }

    public async Task<SegmentOutcome> CreateAsync(string? name, SegmentRule rule, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return NotAllowed;
        var (trimmed, nameError) = CheckName(name);
        if (nameError is not null) return Invalid(SegmentInput.Name, nameError);
        var definition = SegmentRuleJson.Write(rule);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RuleProblemAsync(db, rule, definition, ct) is { } ruleError) return Invalid(SegmentInput.Rule, ruleError);
        if (await db.Segments.CountAsync(ct) >= SegmentLimits.MaxSegments) return TooMany;
        if (await db.Segments.AnyAsync(s => s.Name == trimmed, ct)) return NameTaken(trimmed);
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = SettingsAudit.ActorOf(user);
        var segment = new Segment
        {
            Name = trimmed, Definition = definition, CreatedBy = actor, CreatedAt = now, UpdatedBy = actor, UpdatedAt = now,
        };
        db.Segments.Add(segment);
        SettingsAudit.Record(db, user, SettingsArea.Segment, trimmed, "Created", null, new { Rule = definition }, now);
        return await SaveAsync(db, segment, trimmed, ct);
    }

    /// <summary>
    /// Renames the segment and/or replaces its rule (the grid's "save" of an opened segment); <paramref name="rule"/>
    /// null keeps the rule. A new rule forgets the old count: it counted other people.
    /// </summary>
    public async Task<SegmentOutcome> UpdateAsync(int id, string? name, SegmentRule? rule, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return NotAllowed;
        var (trimmed, nameError) = CheckName(name);
        if (nameError is not null) return Invalid(SegmentInput.Name, nameError);
        var definition = rule is null ? null : SegmentRuleJson.Write(rule);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (rule is not null && await RuleProblemAsync(db, rule, definition!, ct) is { } ruleError) return Invalid(SegmentInput.Rule, ruleError);
        var segment = await db.Segments.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null) return Gone;
        if (await db.Segments.AnyAsync(s => s.Name == trimmed && s.Id != id, ct)) return NameTaken(trimmed);
        var now = clock.GetUtcNow().UtcDateTime;
        var renamed = segment.Name != trimmed;
        var ruleChanged = definition is not null && definition != segment.Definition;
        if (!renamed && !ruleChanged) return new SegmentOutcome.Saved(id);

        if (renamed)
            SettingsAudit.Record(db, user, SettingsArea.Segment, trimmed, "Renamed", new { segment.Name }, new { Name = trimmed }, now);
        if (ruleChanged)
        {
            SettingsAudit.Record(db, user, SettingsArea.Segment, trimmed, "Rule changed", new { Rule = segment.Definition }, new { Rule = definition }, now);
            (segment.Definition, segment.MemberCount, segment.CountedAt) = (definition!, null, null);
        }
        (segment.Name, segment.UpdatedBy, segment.UpdatedAt) = (trimmed, SettingsAudit.ActorOf(user), now);
        return await SaveAsync(db, segment, trimmed, ct);
    }

    /// <summary>A copy under the name "Copy of X" (numbered when that is taken), with the same rule and count.</summary>
    public async Task<SegmentOutcome> DuplicateAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var original = await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (original is null) return Gone;
        if (await db.Segments.CountAsync(ct) >= SegmentLimits.MaxSegments) return TooMany;
        var taken = (await db.Segments.Where(s => s.Name.StartsWith("Copy of ")).Select(s => s.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var name = CopyNames(original.Name).First(n => !taken.Contains(n));
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = SettingsAudit.ActorOf(user);
        var copy = new Segment
        {
            Name = name, Definition = original.Definition, CreatedBy = actor, CreatedAt = now, UpdatedBy = actor, UpdatedAt = now,
            MemberCount = original.MemberCount, CountedAt = original.CountedAt,
        };
        db.Segments.Add(copy);
        SettingsAudit.Record(db, user, SettingsArea.Segment, name, "Duplicated", new { original.Name }, new { Name = name, Rule = copy.Definition }, now);
        return await SaveAsync(db, copy, name, ct);
    }

    public async Task<SegmentOutcome> DeleteAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var segment = await db.Segments.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null) return Gone;
        db.Segments.Remove(segment);
        SettingsAudit.Record(db, user, SettingsArea.Segment, segment.Name, "Deleted", new { segment.Name, Rule = segment.Definition }, null,
            clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return new SegmentOutcome.Saved(id);
    }

    /// <summary>Notes that the segment was opened in the grid or read through the API; false when there is no such segment.</summary>
    public async Task<bool> MarkUsedAsync(int id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Segments.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastUsedAt, now), ct) > 0;
    }

    /// <summary>
    /// Counts the segment's members exactly and keeps the count with its time; null when there is no such segment. A
    /// rule changed while counting keeps no count: the number would be of the old rule.
    /// </summary>
    public async Task<SegmentCount?> CountAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var segment = await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var rule = await SegmentPredicates.PrepareAsync(db, SegmentRuleJson.Read(segment.Definition) ?? SegmentRule.Everyone, now, ct);
        var members = await rule.ApplyToAll(db.Contacts).CountAsync(ct);
        await db.Segments.Where(s => s.Id == id && s.Definition == segment.Definition)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.MemberCount, members).SetProperty(x => x.CountedAt, now), ct);
        return new SegmentCount(members, now);
    }

    /// <summary>Saves, turning a name another writer took meanwhile (the unique index) into the same error as the check's.</summary>
    private static async Task<SegmentOutcome> SaveAsync(AppDbContext db, Segment segment, string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new SegmentOutcome.Saved(segment.Id);
        }
        catch (DbUpdateException e) when (StoreUniqueViolation.Is(e, NameColumn, out _))
        {
            return NameTaken(name);
        }
    }

    /// <summary>
    /// The rule's bounds (stand-in until the rules' own check, SegmentRuleCheck, exists): how many groups and
    /// conditions, how long a value, how many days and times, and the stored text's size.
    /// </summary>
    /// <summary>
    /// Why the rule cannot be saved: the rule check's first complaint (the same check the builder and the SQL apply),
    /// naming where the condition sits, or a definition too long to store.
    /// </summary>
    private static async Task<string?> RuleProblemAsync(AppDbContext db, SegmentRule rule, string definition, CancellationToken ct)
    {
        if (definition.Length > Segment.DefinitionMaxLength) return "The conditions are too long to save; make them shorter.";
        var errors = SegmentRuleCheck.Check(rule, await SegmentReferences.LoadAsync(db, rule, ct));
        return errors.Rule is [var ruleError, ..] ? ruleError : errors.Conditions
            .OrderBy(e => e.Key.Group).ThenBy(e => e.Key.Condition)
            .Select(e => $"Group {e.Key.Group + 1}, condition {e.Key.Condition + 1}: {e.Value}")
            .FirstOrDefault();
    }

    private static (string Name, string? Error) CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return (trimmed, "Enter a name for the segment.");
        if (trimmed.Length > SegmentLimits.NameMaxLength) return (trimmed, $"A name has at most {SegmentLimits.NameMaxLength} characters.");
        return (trimmed, null);
    }

    /// <summary>"Copy of X", then "Copy of X (2)", "(3)"…, shortened so each fits the name's bound.</summary>
    private static IEnumerable<string> CopyNames(string original)
    {
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : $" ({n})";
            var name = "Copy of " + original;
            yield return name.Length + suffix.Length <= SegmentLimits.NameMaxLength
                ? name + suffix
                : name[..(SegmentLimits.NameMaxLength - suffix.Length - 1)].TrimEnd() + "…" + suffix;
        }
    }

    private static SegmentOutcome.Invalid NameTaken(string name) => Invalid(SegmentInput.Name, $"A segment named {name} already exists.");

    private static SegmentOutcome.Invalid Invalid(SegmentInput input, string error) =>
        new SegmentOutcome.Invalid(new Dictionary<SegmentInput, string> { [input] = error });

    internal static SavedSegment ToSaved(Segment segment) => new(
        segment.Id, segment.Name, SegmentRuleJson.Read(segment.Definition) ?? SegmentRule.Everyone, segment.CreatedBy, segment.CreatedAt,
        segment.UpdatedAt, segment.LastUsedAt, segment.MemberCount, segment.CountedAt);
}
