using System.Text.Json;
using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Merging;

/// <summary>One contact exactly as it was before a merge: every column, its custom field values and subscriptions.</summary>
public sealed record ContactSnapshot(
    Dictionary<string, JsonElement> Columns,
    List<Dictionary<string, JsonElement>> CustomFieldValues,
    List<Dictionary<string, JsonElement>> Subscriptions)
{
    public static ContactSnapshot Of(AppDbContext db, Contact contact) => new(
        EntityColumns.Read(db, contact),
        [.. contact.CustomFieldValues.Select(v => EntityColumns.Read(db, v))],
        [.. contact.Subscriptions.Select(s => EntityColumns.Read(db, s))]);

    public string? Text(string column) =>
        Columns.TryGetValue(column, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The rows of the merged-away contact that moved to the survivor, by id: an undo moves exactly these back.</summary>
public sealed record MovedRows(List<long> Devices, List<long> Activities, List<long> EmailEvents, List<long> AuditEntries);

/// <summary>What <see cref="ContactMergeRecord.Snapshot"/> holds: both contacts before the merge, what moved, and the merge's own audit entry.</summary>
public sealed record MergeSnapshot(ContactSnapshot Survivor, ContactSnapshot MergedAway, MovedRows Moved, long MergeAuditEntryId)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static MergeSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<MergeSnapshot>(json) ?? throw new InvalidOperationException("The merge record has no snapshot.");
}
