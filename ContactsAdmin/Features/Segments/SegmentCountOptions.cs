using ContactsAdmin.Setup;

namespace ContactsAdmin.Features.Segments;

/// <summary>How saved segments' counts are kept fresh in the background, from the "Segments" section.</summary>
public sealed record SegmentCountOptions : ISettingsSection
{
    public static string Section => "Segments";

    /// <summary>A count older than this many minutes is counted again.</summary>
    public int RefreshAfterMinutes { get; init; } = 15;

    /// <summary>How often the refresher looks for old counts.</summary>
    public int CheckEveryMinutes { get; init; } = 1;

    public const int MaxMinutes = 7 * 24 * 60;

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (RefreshAfterMinutes is < 1 or > MaxMinutes) yield return (nameof(RefreshAfterMinutes), $"must be from 1 to {MaxMinutes}.");
        if (CheckEveryMinutes is < 1 or > MaxMinutes) yield return (nameof(CheckEveryMinutes), $"must be from 1 to {MaxMinutes}.");
    }
}
