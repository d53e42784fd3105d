using System.Globalization;

namespace ContactsAdmin.Components.Shared;

/// <summary>
/// The signed-in user's time zone for this circuit: the one saved on their account, else the browser's,
/// else UTC. Dates are stored in UTC and shown through this.
/// </summary>
public sealed class UserTimeZone
{
    private TimeZoneInfo? browserZone;
    private TimeZoneInfo? savedZone;

    /// <summary>The zone dates are shown in: the account's when one is saved, else the browser's, else UTC.</summary>
    public TimeZoneInfo Zone => savedZone ?? browserZone ?? TimeZoneInfo.Utc;

    /// <summary>The browser's zone, whether or not the account's wins over it.</summary>
    public TimeZoneInfo BrowserZone => browserZone ?? TimeZoneInfo.Utc;

    /// <summary>The zone saved on the account; null when the user follows their browser.</summary>
    public TimeZoneInfo? SavedZone => savedZone;

    public bool IsKnown { get; private set; }

    /// <summary>The browser's zone, as its Intl API names it.</summary>
    public void Set(string? ianaId)
    {
        if (Find(ianaId) is { } zone) browserZone = zone;
        IsKnown = true;
    }

    /// <summary>The zone saved on the account (null or unknown: follow the browser).</summary>
    public void SetSaved(string? ianaId) => savedZone = Find(ianaId);

    private static TimeZoneInfo? Find(string? ianaId) =>
        !string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : null;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow().UtcDateTime));

    /// <summary>"2026-03-03 10:15" in the user's zone.</summary>
    public string Format(DateTime? utc) => utc is { } u ? ToLocal(u).ToString("yyyy-MM-dd HH:mm", CultureInfo.CurrentCulture) : "";

    /// <summary>The same instant in another zone (a contact's), with the zone's name, for hover text.</summary>
    public static string FormatIn(DateTime? utc, string? ianaId)
    {
        if (utc is not { } u || string.IsNullOrEmpty(ianaId) || !TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone))
            return "";
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(u, DateTimeKind.Utc), zone);
        return $"{local:yyyy-MM-dd HH:mm} in {ianaId}";
    }
}
