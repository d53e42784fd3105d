using System.Globalization;

namespace ContactsAdmin.Features.Ingest;

/// <summary>Times callers send: ISO 8601 with an offset (or Z), stored as UTC.</summary>
public static class ApiTime
{
    /// <summary>The time <paramref name="input"/> names, <paramref name="now"/> when it is left out, or an error under <paramref name="path"/>.</summary>
    public static DateTime Read(string? input, string path, DateTime now, ApiErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input)) return now;
        if (DateTimeOffset.TryParse(input.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value.UtcDateTime;
        errors.Add(path, "Send the time as ISO 8601, e.g. 2026-03-03T10:15:00Z.");
        return now;
    }
}
