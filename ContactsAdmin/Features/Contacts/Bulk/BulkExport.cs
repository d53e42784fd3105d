using System.Globalization;

namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>
/// The export of a selection: the grid's CSV (Features/Export) of the view, restricted to the picked rows by an
/// <c>ids</c> parameter, or the view itself when all matching are selected.
/// </summary>
public static class BulkExport
{
    public const string IdsParameter = "ids";

    /// <summary>Picked rows an export link carries at most: the ids go in its URL, which a server reads up to 8 KB of.</summary>
    public const int MaxIds = 500;

    /// <summary>The download of the selection's visible columns; null when more rows are picked than a link carries.</summary>
    public static string? Href(ContactGridView view, GridSelection selection, TimeZoneInfo zone)
    {
        var uri = view.ToExportUri("visible", zone);
        if (selection.AllMatching) return uri;
        var ids = selection.ToBulkSelection().Ids ?? [];
        if (ids.Count > MaxIds) return null;
        return $"{uri}&{IdsParameter}={string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)))}";
    }

    /// <summary>The ids an export link carries; null without the parameter. What does not read as an id is left out.</summary>
    public static IReadOnlyList<long>? ReadIds(string? value) => value is null ? null :
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null)
            .OfType<long>().Distinct().Take(MaxIds)];
}
