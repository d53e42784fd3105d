namespace ContactsAdmin.Components.Shared;

/// <summary>Calendar days in a time zone, as UTC instants (what the database stores and compares).</summary>
public static class LocalDays
{
    /// <summary>The UTC instant <paramref name="day"/> begins in <paramref name="zone"/>.</summary>
    public static DateTime StartUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A day that starts inside a DST gap starts at the first valid local time after it.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    public static DateTime? StartUtc(DateOnly? day, TimeZoneInfo zone) => day is { } d ? StartUtc(d, zone) : null;

    /// <summary>The day a UTC instant falls on in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>The Monday that starts the (ISO) week <paramref name="day"/> is in.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>A zone by IANA id, or UTC when the id is missing or unknown.</summary>
    public static TimeZoneInfo ZoneOrUtc(string? ianaId) =>
        !string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : TimeZoneInfo.Utc;
}
