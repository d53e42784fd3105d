using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Validation;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.CustomFields;

/// <summary>
/// The custom fields an Admin defines at /settings/fields. Every call asks the Admin policy again (the page was
/// authorized when it opened, and the user's role may have been taken away since) and records the change in the
/// settings audit log in the same save. Nothing is cached: the card, the editor, the grid and the API read the
/// definitions from the store on each use, so a change shows at once.
/// </summary>
public sealed class CustomFieldSettings(IDbContextFactory<AppDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    private static readonly CustomFieldOutcome NotAllowed = new CustomFieldOutcome.Refused("Only Admins manage custom fields.");
    private static readonly CustomFieldOutcome Gone = new CustomFieldOutcome.Refused("This field no longer exists.");

    /// <summary>Every field, archived ones too, by group in the card's order, with how many contacts hold a value.</summary>
    public async Task<IReadOnlyList<CustomFieldGroupRows>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fields = await CustomFieldOrder.AllAsync(db, ct);
        var counts = await CustomFieldValueStore.CountByFieldAsync(db, ct);
        return [.. fields.GroupBy(f => f.Group)
            .Select(g => new CustomFieldGroupRows(g.Key, [.. g.Select(f => new CustomFieldRow(f.Id, f.Key, f.Label, f.Type, f.Group, f.HelpText,
                f.Options, counts.GetValueOrDefault(f.Id), f.CreatedAt, f.CreatedBy, f.ArchivedAt))]))];
    }

    /// <summary>The distinct texts a field holds, most used first (to offer as options when it becomes a list).</summary>
    public async Task<IReadOnlyList<string>> TextValuesAsync(int id, int limit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CustomFieldValues.Where(v => v.FieldId == id && v.TextValue != null)
            .GroupBy(v => v.TextValue!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key)
            .Take(limit).ToListAsync(ct);
    }

    public async Task<CustomFieldOutcome> CreateAsync(CustomFieldDraft draft, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        var errors = new Dictionary<CustomFieldInput, string>();
        var label = CustomFieldDefinitionRules.CheckLabel(draft.Label);
        var key = CustomFieldDefinitionRules.CheckKey(draft.Key);
        var group = CustomFieldDefinitionRules.CheckGroup(draft.Group);
        var helpText = CustomFieldDefinitionRules.CheckHelpText(draft.HelpText);
        var options = CustomFieldDefinitionRules.CheckOptions(draft.Type, draft.Options.Select(o => o.Name));
        AddError(errors, CustomFieldInput.Label, label.Error);
        AddError(errors, CustomFieldInput.Key, key.Error);
        AddError(errors, CustomFieldInput.Group, group.Error);
        AddError(errors, CustomFieldInput.HelpText, helpText.Error);
        AddError(errors, CustomFieldInput.Options, options.Error);
        if (!Enum.IsDefined(draft.Type)) errors[CustomFieldInput.Type] = "Choose a type.";

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (key.IsValid && await db.CustomFieldDefinitions.AnyAsync(f => f.Key == key.Value, ct))
            errors[CustomFieldInput.Key] = KeyTakenMessage(key.Value);
        if (errors.Count > 0) return new CustomFieldOutcome.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var groupName = await PlaceGroupAsync(db, group.Value, ct);
        var field = new CustomFieldDefinition
        {
            Key = key.Value,
            Label = label.Value,
            Type = draft.Type,
            Group = groupName,
            SortOrder = await NextSortOrderAsync(db, groupName, ct),
            Options = options.Value,
            HelpText = helpText.Value,
            CreatedAt = now,
            CreatedBy = SettingsAudit.ActorOf(user),
        };
        db.CustomFieldDefinitions.Add(field);
        SettingsAudit.Record(db, user, SettingsArea.CustomField, field.Key, "Created", null, Snapshot(field), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another Admin took the key between the check above and this write: the unique index refused it.
            if (!await KeyTakenAsync(key.Value, ct)) throw;
            return new CustomFieldOutcome.Invalid(new Dictionary<CustomFieldInput, string> { [CustomFieldInput.Key] = KeyTakenMessage(key.Value) });
        }
        return new CustomFieldOutcome.Done(field.Id);
    }

    /// <summary>
    /// Changes the label, group, help text and options; the key and type stay. A renamed option's values follow it; a
    /// removed option that contacts hold needs a replacement (another option or cleared), all applied in one transaction.
    /// </summary>
    public async Task<CustomFieldOutcome> UpdateAsync(int id, CustomFieldDraft draft, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var field = await db.CustomFieldDefinitions.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (field is null) return Gone;

        var errors = new Dictionary<CustomFieldInput, string>();
        var label = CustomFieldDefinitionRules.CheckLabel(draft.Label);
        var group = CustomFieldDefinitionRules.CheckGroup(draft.Group);
        var helpText = CustomFieldDefinitionRules.CheckHelpText(draft.HelpText);
        var options = CustomFieldDefinitionRules.CheckOptions(field.Type, draft.Options.Select(o => o.Name));
        AddError(errors, CustomFieldInput.Label, label.Error);
        AddError(errors, CustomFieldInput.Group, group.Error);
        AddError(errors, CustomFieldInput.HelpText, helpText.Error);
        AddError(errors, CustomFieldInput.Options, options.Error);
        if (errors.Count > 0) return new CustomFieldOutcome.Invalid(errors);

        var moves = OptionMoves.Plan(field.Options, draft.Options, options.Value);
        var stored = moves.Renamed.Count + moves.Removed.Count == 0 ? [] : await CustomFieldValueStore.DistinctAsync(db, id, ct);
        var held = OptionValues.Held(field, stored);
        var unresolved = new List<OptionInUse>();
        var optionMap = moves.Renamed.ToDictionary(StringComparer.Ordinal);
        foreach (var removed in moves.Removed.Where(held.ContainsKey))
        {
            if (!draft.Replacements.TryGetValue(removed, out var target))
            {
                unresolved.Add(new OptionInUse(removed, held[removed]));
                continue;
            }
            var kept = target is null ? null : options.Value.FirstOrDefault(o => o.Equals(target.Trim(), StringComparison.OrdinalIgnoreCase));
            if (target is not null && kept is null)
                return Invalid(CustomFieldInput.Options, $"The values of {removed} cannot become {target}: it is not one of the options.");
            optionMap[removed] = kept;
        }
        if (unresolved.Count > 0) return new CustomFieldOutcome.OptionsInUse(unresolved);
        var changed = new CustomFieldDefinition { Id = id, Key = field.Key, Label = label.Value, Type = field.Type, Options = options.Value };
        var (rewrites, rewriteError) = OptionValues.Rewrite(field, changed, stored, optionMap);
        if (rewriteError is not null) return Invalid(CustomFieldInput.Options, rewriteError);

        var before = Snapshot(field);
        var groupName = await PlaceGroupAsync(db, group.Value, ct);
        if (groupName != field.Group) field.SortOrder = await NextSortOrderAsync(db, groupName, ct);
        (field.Label, field.Group, field.HelpText, field.Options) = (label.Value, groupName, helpText.Value, options.Value);
        var after = Snapshot(field);
        if (rewrites.Count == 0 && after == before) return new CustomFieldOutcome.Done(id);

        var now = clock.GetUtcNow().UtcDateTime;
        SettingsAudit.Record(db, user, SettingsArea.CustomField, field.Key, "Edited", before,
            rewrites.Count == 0 ? after : new { after.Label, after.Group, after.HelpText, after.Options, ValuesMoved = optionMap, ValuesChanged = rewrites.Sum(r => stored.First(v => v.Value == r.From).Contacts) }, now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await CustomFieldValueStore.RewriteAsync(db, id, rewrites, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new CustomFieldOutcome.Done(id);
    }

    /// <summary>
    /// Changes the field's type when every stored value reads as the new type (<see cref="CustomFieldConversion"/>),
    /// moving each value to the new type's column in one transaction; otherwise refuses, saying how many do not convert.
    /// </summary>
    public async Task<CustomFieldOutcome> ChangeTypeAsync(int id, CustomFieldType type, IReadOnlyList<string?> options, ClaimsPrincipal user,
        CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        if (!Enum.IsDefined(type)) return Invalid(CustomFieldInput.Type, "Choose a type.");
        var checkedOptions = CustomFieldDefinitionRules.CheckOptions(type, options);
        if (!checkedOptions.IsValid) return Invalid(CustomFieldInput.Options, checkedOptions.Error!);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var field = await db.CustomFieldDefinitions.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (field is null) return Gone;
        if (field.Type == type) return Invalid(CustomFieldInput.Type, $"{field.Label} is already {CustomFieldTypeLabel.Of(type)}; choose another type.");

        var target = new CustomFieldDefinition { Id = field.Id, Key = field.Key, Label = field.Label, Type = type, Options = checkedOptions.Value };
        var plan = CustomFieldConversion.Plan(field, target, await CustomFieldValueStore.DistinctAsync(db, id, ct));
        if (!plan.Converts) return Invalid(CustomFieldInput.Type, CustomFieldConversion.Refusal(plan, type));

        var before = new { Type = field.Type.ToString(), field.Options };
        (field.Type, field.Options) = (type, checkedOptions.Value);
        var now = clock.GetUtcNow().UtcDateTime;
        SettingsAudit.Record(db, user, SettingsArea.CustomField, field.Key, "Type changed", before,
            new { Type = type.ToString(), field.Options, ValuesConverted = plan.Converted.Sum(c => c.From.Contacts) }, now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (from, to) in plan.Converted.Where(c => c.From.Value != c.To))
            await CustomFieldValueStore.ReplaceAsync(db, id, from.Value, to, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new CustomFieldOutcome.Done(id);
    }

    /// <summary>Moves the field one place up (-1) or down (+1) within its group.</summary>
    public async Task<CustomFieldOutcome> MoveAsync(int id, int by, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var field = await db.CustomFieldDefinitions.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (field is null) return Gone;
        var ordered = CustomFieldOrder.Sort(await db.CustomFieldDefinitions.Where(f => f.Group == field.Group).ToListAsync(ct),
            new Dictionary<string, int>());
        var from = ordered.FindIndex(f => f.Id == id);
        var to = Math.Clamp(from + Math.Sign(by), 0, ordered.Count - 1);
        if (from == to) return new CustomFieldOutcome.Done(id);
        (ordered[from], ordered[to]) = (ordered[to], ordered[from]);
        // Numbered afresh, so equal orders (older data) cannot make a move do nothing.
        for (var i = 0; i < ordered.Count; i++) ordered[i].SortOrder = i + 1;
        SettingsAudit.Record(db, user, SettingsArea.CustomField, field.Key, "Moved",
            new { field.Group, Position = from + 1 }, new { field.Group, Position = to + 1 }, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return new CustomFieldOutcome.Done(id);
    }

    /// <summary>Moves a group one place up (-1) or down (+1) on the card; every group gets its place stored.</summary>
    public async Task<CustomFieldOutcome> MoveGroupAsync(string group, int by, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ordered = await OrderedGroupsAsync(db, ct);
        var from = ordered.IndexOf(group);
        if (from < 0) return new CustomFieldOutcome.Refused($"The group {group} no longer has fields.");
        var to = Math.Clamp(from + Math.Sign(by), 0, ordered.Count - 1);
        if (from == to) return new CustomFieldOutcome.Done(0);
        (ordered[from], ordered[to]) = (ordered[to], ordered[from]);
        await NumberGroupsAsync(db, ordered, ct);
        SettingsAudit.Record(db, user, SettingsArea.CustomField, $"Group: {group}", "Moved",
            new { Position = from + 1 }, new { Position = to + 1 }, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return new CustomFieldOutcome.Done(0);
    }

    /// <summary>Hides the field from the card, its edit dialog, the grid and the filters; its values stay.</summary>
    public Task<CustomFieldOutcome> ArchiveAsync(int id, ClaimsPrincipal user, CancellationToken ct = default) =>
        SetArchivedAsync(id, archived: true, user, ct);

    public Task<CustomFieldOutcome> RestoreAsync(int id, ClaimsPrincipal user, CancellationToken ct = default) =>
        SetArchivedAsync(id, archived: false, user, ct);

    /// <summary>
    /// Deletes the field and every value of it. While contacts hold a value it answers
    /// <see cref="CustomFieldOutcome.NeedsConfirmation"/> with their number, until called with that same number confirmed.
    /// </summary>
    public async Task<CustomFieldOutcome> DeleteAsync(int id, int confirmedValues, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var field = await db.CustomFieldDefinitions.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (field is null) return Gone;
        var values = await CustomFieldValueStore.CountAsync(db, id, ct);
        // A confirmation is for the number it showed: more values since then asks again.
        if (values > 0 && values != confirmedValues) return new CustomFieldOutcome.NeedsConfirmation(values);

        SettingsAudit.Record(db, user, SettingsArea.CustomField, field.Key, "Deleted",
            new { field.Label, field.Group, Type = field.Type.ToString(), ValuesRemoved = values }, null, clock.GetUtcNow().UtcDateTime);
        db.CustomFieldDefinitions.Remove(field);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await CustomFieldValueStore.DeleteAllAsync(db, id, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new CustomFieldOutcome.Done(id);
    }

    private async Task<CustomFieldOutcome> SetArchivedAsync(int id, bool archived, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var field = await db.CustomFieldDefinitions.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (field is null) return Gone;
        if (field.ArchivedAt is not null == archived) return new CustomFieldOutcome.Done(id);
        var now = clock.GetUtcNow().UtcDateTime;
        var before = new { field.ArchivedAt };
        field.ArchivedAt = archived ? now : null;
        SettingsAudit.Record(db, user, SettingsArea.CustomField, field.Key, archived ? "Archived" : "Restored", before, new { field.ArchivedAt }, now);
        await db.SaveChangesAsync(ct);
        return new CustomFieldOutcome.Done(id);
    }

    /// <summary>
    /// The group's name as stored: an existing group typed in another case is that group. A group new to the card goes
    /// last, so every group gets its place stored (groups without one would otherwise sort by name before it).
    /// </summary>
    private static async Task<string> PlaceGroupAsync(AppDbContext db, string name, CancellationToken ct)
    {
        var ordered = await OrderedGroupsAsync(db, ct);
        if (ordered.FirstOrDefault(g => g.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } existing) return existing;
        await NumberGroupsAsync(db, [.. ordered, name], ct);
        return name;
    }

    /// <summary>The groups that have fields, in the card's order.</summary>
    private static async Task<List<string>> OrderedGroupsAsync(AppDbContext db, CancellationToken ct)
    {
        var names = await db.CustomFieldDefinitions.Select(f => f.Group).Distinct().ToListAsync(ct);
        return CustomFieldOrder.Groups(names, await CustomFieldOrder.GroupOrderAsync(db, ct));
    }

    /// <summary>Stores 1..n as the groups' order; rows of groups no field uses any more go.</summary>
    private static async Task NumberGroupsAsync(AppDbContext db, List<string> ordered, CancellationToken ct)
    {
        var rows = await db.CustomFieldGroups.ToDictionaryAsync(g => g.Name, StringComparer.Ordinal, ct);
        for (var i = 0; i < ordered.Count; i++)
        {
            if (rows.Remove(ordered[i], out var row)) row.SortOrder = i + 1;
            else db.CustomFieldGroups.Add(new CustomFieldGroup { Name = ordered[i], SortOrder = i + 1 });
        }
        db.CustomFieldGroups.RemoveRange(rows.Values);
    }

    private static async Task<int> NextSortOrderAsync(AppDbContext db, string group, CancellationToken ct) =>
        (await db.CustomFieldDefinitions.Where(f => f.Group == group).MaxAsync(f => (int?)f.SortOrder, ct) ?? 0) + 1;

    private static FieldSnapshot Snapshot(CustomFieldDefinition f) =>
        new(f.Key, f.Label, f.Type.ToString(), f.Group, f.HelpText, [.. f.Options]);

    /// <summary>What the audit log keeps of a field; a record, so a save that changes nothing is seen and not logged.</summary>
    private sealed record FieldSnapshot(string Key, string Label, string Type, string Group, string? HelpText, List<string> Options)
    {
        public bool Equals(FieldSnapshot? other) => other is not null && (Key, Label, Type, Group, HelpText) == (other.Key, other.Label, other.Type, other.Group, other.HelpText)
            && Options.SequenceEqual(other.Options, StringComparer.Ordinal);

        public override int GetHashCode() => HashCode.Combine(Key, Label, Group);
    }

    private static string KeyTakenMessage(string key) => $"Another field already has the key {key}.";

    private async Task<bool> KeyTakenAsync(string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CustomFieldDefinitions.AnyAsync(f => f.Key == key, ct);
    }

    private static CustomFieldOutcome.Invalid Invalid(CustomFieldInput input, string error) =>
        new CustomFieldOutcome.Invalid(new Dictionary<CustomFieldInput, string> { [input] = error });

    private static void AddError(Dictionary<CustomFieldInput, string> errors, CustomFieldInput input, string? error)
    {
        if (error is not null) errors[input] = error;
    }
}
