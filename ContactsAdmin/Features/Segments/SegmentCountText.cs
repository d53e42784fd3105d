using System.Globalization;

namespace ContactsAdmin.Features.Segments;

/// <summary>How a stored count reads on the list: the number, and how old it is ("counted 5 min ago").</summary>
public static class SegmentCountText
{
    public const string NotCounted = "Not counted yet";

    public static string Members(int? count) =>
        count is { } n ? (n == 1 ? "1 contact" : $"{n.ToString("N0", CultureInfo.CurrentCulture)} contacts") : NotCounted;

    /// <summary>"counted just now", "counted 5 min ago", "counted 3 h ago", "counted 2 days ago"; empty when never counted.</summary>
    public static string Age(DateTime? countedAt, DateTime now)
    {
        if (countedAt is not { } at) return "";
        var age = now - at;
        if (age < TimeSpan.FromMinutes(1)) return "counted just now";
        if (age < TimeSpan.FromHours(1)) return $"counted {(int)age.TotalMinutes} min ago";
        if (age < TimeSpan.FromDays(1)) return $"counted {(int)age.TotalHours} h ago";
        var days = (int)age.TotalDays;
        return days == 1 ? "counted 1 day ago" : $"counted {days} days ago";
    }
}
