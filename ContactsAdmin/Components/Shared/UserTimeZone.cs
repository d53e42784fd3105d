using System.Globalization;

namespace ContactsAdmin.Components.Shared;

/// <summary>
/// The signed-in user's time zone for this circuit: the one saved on their account, else the browser's,
/// else UTC. Dates are stored in UTC and shown through this.
/// </summary>
public sealed class UserTimeZone
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public bool IsKnown { get; private set; }

    public void Set(string? ianaId)
    {
        if (!string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone))
            Zone = zone;
        IsKnown = true;
    }

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
