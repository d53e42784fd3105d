using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Features.Contacts.Editing;

/// <summary>What happened to a save.</summary>
public abstract record SaveOutcome
{
    /// <summary>Stored; <paramref name="Changes"/> is empty when nothing actually differed.</summary>
    public sealed record Saved(long Version, IReadOnlyList<FieldChange> Changes) : SaveOutcome;

    /// <summary>A new contact was created with id <paramref name="ContactId"/>.</summary>
    public sealed record Created(long ContactId) : SaveOutcome;

    /// <summary>Refused: an error per field; nothing was written.</summary>
    public sealed record Invalid(IReadOnlyDictionary<FieldKey, string> Errors) : SaveOutcome;

    /// <summary>Someone else saved the contact after it was loaded; nothing was written.</summary>
    public sealed record Conflict(string? ChangedBy, DateTime ChangedAt, IReadOnlyList<FieldChange> TheirChanges) : SaveOutcome;

    public sealed record NotFound : SaveOutcome;

    /// <summary>The store stayed locked beyond its busy timeout; nothing was written and the same save may be tried again.</summary>
    public sealed record Busy : SaveOutcome;

    /// <summary>The user may read but not change contacts (Viewer).</summary>
    public sealed record Forbidden : SaveOutcome;
}
