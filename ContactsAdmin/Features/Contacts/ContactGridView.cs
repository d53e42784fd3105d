using System.Globalization;
using ContactsAdmin.Data;
using Microsoft.AspNetCore.WebUtilities;

namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// Everything that defines what the All contacts grid shows (search, filters, sort, page), as it is
/// written in the URL, so a view can be bookmarked, shared and restored with the Back button. Dates
/// are whole days in the signed-in user's time zone, both ends included.
/// </summary>
public sealed record ContactGridView
{
    public const string Path = "/contacts";
    public static readonly ContactGridView Default = new();

    public string? Search { get; init; }
    public EmailStatus? Status { get; init; }
    public ContactSource? Source { get; init; }
    public int? CategoryId { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    public DateOnly? EditedFrom { get; init; }
    public DateOnly? EditedTo { get; init; }
    public int? FieldId { get; init; }
    public FieldOperator FieldOperator { get; init; } = FieldOperator.Equals;
    public string? FieldValue { get; init; }

    public ContactSort Sort { get; init; } = ContactSort.CreatedAt;
    public bool Descending { get; init; } = true;
    /// <summary>Zero-based (the URL shows it one-based).</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = ContactQueries.PageSizes[0];

    public bool HasFilters => this with { Sort = Default.Sort, Descending = Default.Descending, Page = 0, PageSize = Default.PageSize } != Default;

    /// <summary>The same view without any filter (sort and page size kept).</summary>
    public ContactGridView WithoutFilters() => Default with { Sort = Sort, Descending = Descending, PageSize = PageSize };

    public string ToUri()
    {
        var query = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value) { if (!string.IsNullOrEmpty(value)) query.Add(new(key, value)); }

        Add("q", Search?.Trim());
        Add("status", Status?.ToString().ToLowerInvariant());
        Add("source", Source?.ToString().ToLowerInvariant());
        Add("category", CategoryId?.ToString(CultureInfo.InvariantCulture));
        Add("created", Range(CreatedFrom, CreatedTo));
        Add("edited", Range(EditedFrom, EditedTo));
        if (FieldId is { } field)
        {
            Add("field", field.ToString(CultureInfo.InvariantCulture));
            Add("op", FieldOperator.ToString().ToLowerInvariant());
            if (FieldOperator != FieldOperator.IsEmpty) Add("value", FieldValue);
        }
        if (Sort != Default.Sort || Descending != Default.Descending)
            Add("sort", (Descending ? "-" : "") + Sort.ToString().ToLowerInvariant());
        if (Page > 0) Add("page", (Page + 1).ToString(CultureInfo.InvariantCulture));
        if (PageSize != Default.PageSize) Add("size", PageSize.ToString(CultureInfo.InvariantCulture));

        return query.Count == 0
            ? Path
            : Path + "?" + string.Join("&", query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    /// <summary>Reads a view from a URL's query; anything unreadable falls back to the default rather than failing.</summary>
    public static ContactGridView FromUri(string uri)
    {
        var queryStart = uri.IndexOf('?');
        var query = QueryHelpers.ParseQuery(queryStart < 0 ? "" : uri[queryStart..]);
        string? Get(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;

        var (createdFrom, createdTo) = ParseRange(Get("created"));
        var (editedFrom, editedTo) = ParseRange(Get("edited"));
        var sort = Get("sort");
        var descending = sort?.StartsWith('-') ?? Default.Descending;
        var sortColumn = Enum.TryParse<ContactSort>(sort?.TrimStart('-'), ignoreCase: true, out var s) ? s : Default.Sort;
        var size = ParseInt(Get("size")) is { } requested && ContactQueries.PageSizes.Contains(requested) ? requested : Default.PageSize;

        return new ContactGridView
        {
            Search = Get("q"),
            Status = ParseEnum<EmailStatus>(Get("status")),
            Source = ParseEnum<ContactSource>(Get("source")),
            CategoryId = ParseInt(Get("category")),
            CreatedFrom = createdFrom,
            CreatedTo = createdTo,
            EditedFrom = editedFrom,
            EditedTo = editedTo,
            FieldId = ParseInt(Get("field")),
            FieldOperator = ParseEnum<FieldOperator>(Get("op")) ?? FieldOperator.Equals,
            FieldValue = Get("value"),
            Sort = sortColumn,
            Descending = sort is null ? Default.Descending : descending,
            Page = Math.Max(0, (ParseInt(Get("page")) ?? 1) - 1),
            PageSize = size,
        };
    }

    /// <summary>The query for this view, with day bounds turned into UTC instants in <paramref name="zone"/>.</summary>
    public ContactListQuery ToQuery(TimeZoneInfo zone) => new()
    {
        Filter = new ContactFilter
        {
            Search = Search,
            EmailStatus = Status,
            Source = Source,
            CategoryId = CategoryId,
            CreatedFrom = StartOfDay(CreatedFrom, zone),
            CreatedTo = StartOfDay(CreatedTo?.AddDays(1), zone),
            EditedFrom = StartOfDay(EditedFrom, zone),
            EditedTo = StartOfDay(EditedTo?.AddDays(1), zone),
            Field = FieldId is { } id ? new CustomFieldCondition(id, FieldOperator, FieldValue) : null,
        },
        Page = Page,
        PageSize = PageSize,
        Sort = Sort,
        Descending = Descending,
    };

    private static DateTime? StartOfDay(DateOnly? day, TimeZoneInfo zone)
    {
        if (day is not { } d) return null;
        var local = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A day that starts inside a DST gap starts at the first valid local time after it.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private static string? Range(DateOnly? from, DateOnly? to) =>
        from is null && to is null ? null : $"{Iso(from)}..{Iso(to)}";

    private static string Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static (DateOnly?, DateOnly?) ParseRange(string? value)
    {
        if (value is null) return (null, null);
        var parts = value.Split("..");
        return (ParseDate(parts[0]), parts.Length > 1 ? ParseDate(parts[1]) : null);
    }

    private static DateOnly? ParseDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static T? ParseEnum<T>(string? value) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var e) && Enum.IsDefined(e) ? e : null;
}
