using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Profile.Changes;

/// <summary>One field's change, as the audit trail and the conflict message show it.</summary>
public sealed record FieldChange(FieldKey Key, string Label, string? From, string? To);
