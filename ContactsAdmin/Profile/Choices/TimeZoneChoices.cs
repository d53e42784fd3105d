namespace ContactsAdmin.Profile.Choices;

/// <summary>
/// The IANA time zones the server knows, as the time-zone pickers list them: "Europe/Kyiv (UTC+02:00)". On Windows the
/// system's zones carry Windows ids, so each is converted to its IANA id.
/// </summary>
public static class TimeZoneChoices
{
    /// <summary>Every IANA zone id, in alphabetical order.</summary>
    public static IReadOnlyList<string> Ids { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(IanaId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The zones with the offset each has at <paramref name="now"/> (summer time moves it).</summary>
    public static IReadOnlyList<Choice> At(DateTimeOffset now) => [.. Ids.Select(id => new Choice(id, Label(id, now)))];

    /// <summary>"Europe/Kyiv (UTC+02:00)" at <paramref name="now"/>; the id alone where the server does not know the zone.</summary>
    public static string Label(string id, DateTimeOffset now)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return id;
        var offset = zone.GetUtcOffset(now);
        return $"{id} (UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm})";
    }

    private static string? IanaId(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null;
}
