namespace ContactsAdmin.Data;

/// <summary>
/// A saved audience: a name and a rule (<see cref="Definition"/>, JSON of Features.Segments.SegmentRule) that picks
/// contacts. Members are not stored: they are whoever matches the rule when asked. The count is refreshed in the
/// background and shown with when it was counted.
/// </summary>
public class Segment
{
    public const int NameMaxLength = 100;
    public const int DefinitionMaxLength = 16_000;
    public const int ActorMaxLength = 256;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Definition { get; set; } = "";
    /// <summary>The email of the user who made it.</summary>
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    /// <summary>When it was last opened in the grid or read through the API.</summary>
    public DateTime? LastUsedAt { get; set; }
    /// <summary>How many contacts matched at <see cref="CountedAt"/>; null until first counted.</summary>
    public int? MemberCount { get; set; }
    public DateTime? CountedAt { get; set; }
}
