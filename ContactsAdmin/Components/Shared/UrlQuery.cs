using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace ContactsAdmin.Components.Shared;

/// <summary>
/// A page's state written in its URL query, so views can be bookmarked, shared and restored with Back.
/// Reading is forgiving (anything unreadable counts as not set); writing leaves empty values out.
/// </summary>
[SuppressMessage("Naming", "CA1720", Justification = "Each reader is named for the type it reads from the URL: Date, Int, Long, Enum.")]
public static class UrlQuery
{
    /// <summary>The query's values by key (case-insensitive); blank values read as null.</summary>
    public static Func<string, string?> Reader(string uri)
    {
        var queryStart = uri.IndexOf('?');
        var query = QueryHelpers.ParseQuery(queryStart < 0 ? "" : uri[queryStart..]);
        return key => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
    }

    /// <summary><paramref name="path"/> with the non-empty values as its query, in the order given.</summary>
    public static string Build(string path, IEnumerable<(string Key, string? Value)> values)
    {
        var pairs = values.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return pairs.Count == 0 ? path : path + "?" + string.Join("&", pairs);
    }

    public static string? Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>An enum value as the URL shows it: its name in lower case.</summary>
    public static string? Name<T>(T? value) where T : struct, Enum => value?.ToString().ToLowerInvariant();

    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    public static long? Long(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : null;

    public static T? Enum<T>(string? value) where T : struct, Enum =>
        System.Enum.TryParse<T>(value, ignoreCase: true, out var e) && System.Enum.IsDefined(e) ? e : null;

    /// <summary>A zero-based page index from the URL's one-based "page".</summary>
    public static int PageIndex(string? value) => Math.Max(0, (Int(value) ?? 1) - 1);
}
