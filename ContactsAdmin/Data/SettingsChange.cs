namespace ContactsAdmin.Data;

/// <summary>
/// One change an Admin made to the workspace's settings (a custom field, a category, a widget, a form, a user,
/// an API key): who, when, what, and the setting before and after (JSON snapshots; null where it did not exist).
/// </summary>
public class SettingsChange
{
    public const int ActorMaxLength = 256;
    public const int SubjectMaxLength = 200;
    public const int ActionMaxLength = 64;
    public const int SnapshotMaxLength = 8000;

    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    /// <summary>The signed-in user's email (or "system" for the command line).</summary>
    public string Actor { get; set; } = "";
    public SettingsArea Area { get; set; }
    /// <summary>The setting's key or the user's email, as people know it.</summary>
    public string Subject { get; set; } = "";
    /// <summary>A short verb phrase: "Created", "Renamed", "Archived", "Role changed"...</summary>
    public string Action { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
}
