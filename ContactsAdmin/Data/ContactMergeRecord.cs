namespace ContactsAdmin.Data;

/// <summary>
/// One merge of two contacts: which survived, which was merged away, who merged them and when, and a snapshot of both
/// as they were before, so the merge can be undone until <see cref="UndoUntil"/>. Deleting (or erasing) the surviving
/// contact deletes the record and its snapshot with it.
/// </summary>
public class ContactMergeRecord
{
    public const int ActorMaxLength = 256;

    public long Id { get; set; }
    public long SurvivorId { get; set; }
    /// <summary>The id the merged-away contact had; an undo gives it back the same id.</summary>
    public long MergedAwayId { get; set; }
    public DateTime MergedAt { get; set; }
    public string MergedBy { get; set; } = "";
    /// <summary>The surviving contact's <see cref="Contact.Version"/> right after the merge: a later edit changes it.</summary>
    public long SurvivorVersionAfterMerge { get; set; }
    public DateTime UndoUntil { get; set; }
    public DateTime? UndoneAt { get; set; }
    public string? UndoneBy { get; set; }
    /// <summary>Both contacts as they were before the merge and what moved, as JSON (the merge feature's own format).</summary>
    public string Snapshot { get; set; } = "{}";
}
