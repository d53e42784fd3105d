namespace ContactsAdmin.Features.Segments;

/// <summary>The bounds of a segment and its rule: every input has one, and the checks and the form both read them here.</summary>
public static class SegmentLimits
{
    public const int NameMaxLength = Data.Segment.NameMaxLength;
    public const int MaxGroups = 10;
    public const int MaxConditionsPerGroup = 10;
    public const int ValueMaxLength = 200;
    /// <summary>"In the last N days": up to ten years.</summary>
    public const int MaxDays = 3650;
    public const int MaxTimes = 10_000;
    /// <summary>Saved segments in a workspace: each is counted in the background and checked for every card shown.</summary>
    public const int MaxSegments = 500;
}
