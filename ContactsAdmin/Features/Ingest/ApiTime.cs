using System.Globalization;
using ContactsAdmin.Features.Api;

namespace ContactsAdmin.Features.Ingest;

/// <summary>Times callers send: ISO 8601 with an offset (or Z), stored as UTC.</summary>
public static class ApiTime
{
    /// <summary>
    /// The time <paramref name="input"/> names, <paramref name="now"/> when it is left out, or an error under <paramref name="path"/>
    /// when it is not a time or lies outside <see cref="EventLimits.OccurredAtWindow"/> (every time callers send is when
    /// something happened: an event or a delivery result).
    /// </summary>
    public static DateTime Read(string? input, string path, DateTime now, ApiErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input)) return now;
        if (!DateTimeOffset.TryParse(input.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            errors.Add(path, "Send the time as ISO 8601, e.g. 2026-03-03T10:15:00Z.");
            return now;
        }
        var (earliest, latest) = EventLimits.OccurredAtWindow(now);
        var utc = value.UtcDateTime;
        if (utc >= earliest && utc <= latest) return utc;
        errors.Add(path, $"The time must lie between {Format(earliest)} ({EventLimits.MaxYearsBack} years ago) and {Format(latest)} " +
                         $"(a day from now); this one is {Format(utc)}.");
        return now;
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
