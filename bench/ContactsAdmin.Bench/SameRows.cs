using ContactsAdmin.Bench.Scenarios;
using ContactsAdmin.Features.Contacts;

namespace ContactsAdmin.Bench;

/// <summary>
/// A baseline is only a baseline if it answers the same question: before a scenario is timed, the app's page and the
/// raw page must list the same contacts in the same order, and an exact total must be the raw count (a "more than"
/// total must be past the cap there too; an estimate is shown beside the exact count instead). A difference is
/// printed at once and listed at the end, and the run exits with 1.
/// </summary>
public static class SameRows
{
    /// <summary>Why the app's page and the raw one differ, or null when they agree.</summary>
    public static string? Difference(ContactPage app, RawPage raw, int countCap, bool compareCount = true)
    {
        var appIds = app.Rows.Select(r => r.Id).ToList();
        if (!appIds.SequenceEqual(raw.Ids))
            return $"page ids differ: app [{Ids(appIds)}], raw [{Ids(raw.Ids)}]";
        if (!compareCount) return null;
        return app.TotalKind switch
        {
            TotalKind.Exact when app.TotalCount != raw.Count => $"total differs: app {app.TotalCount:N0}, raw {raw.Count:N0}",
            TotalKind.AtLeast when raw.Count <= countCap => $"app says more than {app.TotalCount:N0}, raw counted {raw.Count:N0}",
            _ => null,
        };
    }

    /// <summary>Why two lists of ids differ, or null when they agree.</summary>
    public static string? Difference(IReadOnlyList<long> app, IReadOnlyList<long> raw) =>
        app.SequenceEqual(raw) ? null : $"ids differ: app [{Ids(app)}], raw [{Ids(raw)}]";

    private static string Ids(IEnumerable<long> ids) => string.Join(", ", ids.Take(6)) + (ids.Skip(6).Any() ? ", ..." : "");
}
