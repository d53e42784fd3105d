using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Activities;

/// <summary>
/// What the Contact Activity tab shows (filters and page), as written in the card's URL
/// (<c>/contacts/7?tab=activity&amp;channel=email&amp;status=clicked&amp;from=2026-01-01&amp;to=2026-03-31&amp;q=sale&amp;page=2</c>),
/// so a reload or Back shows the same rows. Dates are whole days in the signed-in user's time zone, both ends included.
/// </summary>
public sealed record ActivityView
{
    public const string Tab = "activity";
    public static readonly ActivityView Default = new();

    /// <summary>The quick date ranges, in days back from today (today included); null is all time.</summary>
    public static readonly int?[] QuickRanges = [7, 30, 90, null];

    public ActivityChannel? Channel { get; init; }
    public MessageStatus? Status { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Search { get; init; }
    /// <summary>Zero-based (the URL shows it one-based).</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = ActivityQueries.PageSizes[0];

    public bool HasFilters => Filters != Default.Filters;

    /// <summary>The view without paging: what the counts and the chart depend on.</summary>
    public ActivityView Filters => this with { Page = 0, PageSize = Default.PageSize };

    public ActivityView WithoutFilters() => Default with { PageSize = PageSize };

    /// <summary>The last <paramref name="days"/> days up to today, or all time when null; back to the first page.</summary>
    public ActivityView WithQuickRange(int? days, DateOnly today) => this with
    {
        From = days is { } d ? today.AddDays(1 - d) : null,
        To = days is null ? null : today,
        Page = 0,
    };

    public bool IsQuickRange(int? days, DateOnly today) => days is { } d
        ? From == today.AddDays(1 - d) && To == today
        : From is null && To is null;

    public string ToUri(long contactId) => UrlQuery.Build($"/contacts/{contactId}",
    [
        ("tab", Tab),
        ("channel", UrlQuery.Name(Channel)),
        ("status", UrlQuery.Name(Status)),
        ("from", UrlQuery.Iso(From)),
        ("to", UrlQuery.Iso(To)),
        ("q", Search?.Trim()),
        ("page", Page > 0 ? UrlQuery.Number(Page + 1) : null),
        ("size", PageSize != Default.PageSize ? UrlQuery.Number(PageSize) : null),
    ]);

    /// <summary>Reads the view from a card URL; anything unreadable is left out rather than failing.</summary>
    public static ActivityView FromUri(string uri)
    {
        var get = UrlQuery.Reader(uri);
        var size = UrlQuery.Int(get("size")) is { } requested && ActivityQueries.PageSizes.Contains(requested) ? requested : Default.PageSize;
        return new ActivityView
        {
            Channel = UrlQuery.Enum<ActivityChannel>(get("channel")),
            Status = UrlQuery.Enum<MessageStatus>(get("status")),
            From = UrlQuery.Date(get("from")),
            To = UrlQuery.Date(get("to")),
            Search = get("q"),
            Page = UrlQuery.PageIndex(get("page")),
            PageSize = size,
        };
    }

    /// <summary>The filter for this view, with day bounds turned into UTC instants in <paramref name="zone"/>.</summary>
    public ActivityFilter ToFilter(TimeZoneInfo zone) => new()
    {
        Channel = Channel,
        Status = Status,
        From = LocalDays.StartUtc(From, zone),
        To = LocalDays.StartUtc(To?.AddDays(1), zone),
        NameContains = Search,
    };
}
