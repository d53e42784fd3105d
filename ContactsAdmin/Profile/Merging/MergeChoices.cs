using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Profile.Merging;

/// <summary>Whose value a merged field keeps: the surviving contact's (A) or the merged-away contact's (B).</summary>
public enum MergeSide { Survivor, MergedAway }

/// <summary>How a field both contacts fill is decided when nobody chose.</summary>
public enum MergePreference
{
    /// <summary>The value of the contact edited last (by "last edit"); identifiers stay the survivor's.</summary>
    Newer,

    /// <summary>The survivor's value (the API's device merge: an anonymous contact only fills what is empty).</summary>
    Survivor,
}

/// <summary>A person's choices for a merge: a side per field they picked; every other field takes its default.</summary>
public sealed record MergeChoices(IReadOnlyDictionary<FieldKey, MergeSide> Fields, MergePreference Preference = MergePreference.Newer)
{
    public static MergeChoices Defaults { get; } = new(new Dictionary<FieldKey, MergeSide>());

    /// <summary>The API's device merge: the identified contact keeps what it has.</summary>
    public static MergeChoices KeepSurvivor { get; } = new(new Dictionary<FieldKey, MergeSide>(), MergePreference.Survivor);
}

/// <summary>How long a merge can be undone, declared once: the undo, the sweep and the card read it.</summary>
public static class MergeUndoWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromDays(30);
}
