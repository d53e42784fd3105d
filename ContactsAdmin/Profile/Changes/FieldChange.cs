namespace ContactsAdmin.Profile.Changes;

/// <summary>One field's change, as the audit trail and the conflict message show it.</summary>
public sealed record FieldChange(string Key, string Label, string? From, string? To);
