using System.Globalization;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;

namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// Everything that defines what the All contacts grid shows (search, filters, sort, page), as it is
/// written in the URL, so a view can be bookmarked, shared and restored with the Back button. Dates
/// are whole days in the signed-in user's time zone, both ends included.
/// </summary>
public sealed record ContactGridView
{
    public const string Path = "/contacts";
    /// <summary>The CSV download of a view: the grid's own query, plus which columns and the zone its dates are read in.</summary>
    public const string ExportPath = "/contacts/export";
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
    /// <summary>Conditions built above the grid (or a saved segment's, edited and not saved yet), on top of the filters above.</summary>
    public SegmentRule? Rule { get; init; }
    /// <summary>
    /// The saved segment the grid was opened from. Without <see cref="Rule"/> the segment's own conditions apply (the page
    /// looks them up); with one, the user edited them and the edited conditions apply.
    /// </summary>
    public int? SegmentId { get; init; }

    public ContactSort Sort { get; init; } = ContactSort.CreatedAt;
    /// <summary>An added column (custom field, category) the rows are sorted by, in place of <see cref="Sort"/>.</summary>
    public ExtraColumnSort? SortColumn { get; init; }
    public bool Descending { get; init; } = true;
    /// <summary>Zero-based (the URL shows it one-based).</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = ContactQueries.PageSizes[0];
    /// <summary>The row the page was reached from with Next or Previous, so it can be read by seeking (see ContactPaging).</summary>
    public PageAnchor? Anchor { get; init; }

    public bool HasFilters => this with { Sort = Default.Sort, SortColumn = null, Descending = Default.Descending, Page = 0, PageSize = Default.PageSize, Anchor = null } != Default;

    /// <summary>The anchor, if it was made for the page shown (any other change of view starts without one).</summary>
    private PageAnchor? CurrentAnchor => Anchor is { } anchor && anchor.Page == Page && Page > 0 ? anchor : null;

    /// <summary>The same view without any filter (sort and page size kept).</summary>
    public ContactGridView WithoutFilters() => Default with { Sort = Sort, SortColumn = SortColumn, Descending = Descending, PageSize = PageSize };

    public string ToUri()
    {
        (string, string?)[] field = FieldId is null ? [] :
        [
            ("field", UrlQuery.Number(FieldId)),
            ("op", UrlQuery.Name<FieldOperator>(FieldOperator)),
            ("value", FieldOperator == FieldOperator.IsEmpty ? null : FieldValue),
        ];
        return UrlQuery.Build(Path,
        [
            ("q", Search?.Trim()),
            ("status", UrlQuery.Name(Status)),
            ("source", UrlQuery.Name(Source)),
            ("category", UrlQuery.Number(CategoryId)),
            ("created", Range(CreatedFrom, CreatedTo)),
            ("edited", Range(EditedFrom, EditedTo)),
            .. field,
            ("segment", UrlQuery.Number(SegmentId)),
            ("rule", Rule is { IsEmpty: false } rule ? SegmentRuleJson.ToUrlValue(rule) : null),
            ("sort", SortColumn is not null || Sort != Default.Sort || Descending != Default.Descending
                ? (Descending ? "-" : "") + (SortColumn?.ToString() ?? Sort.ToString().ToLowerInvariant())
                : null),
            ("page", Page > 0 ? UrlQuery.Number(Page + 1) : null),
            ("size", PageSize != Default.PageSize ? UrlQuery.Number(PageSize) : null),
            ("after", CurrentAnchor is { After: true } after ? after.RowId.ToString(CultureInfo.InvariantCulture) : null),
            ("before", CurrentAnchor is { After: false } before ? before.RowId.ToString(CultureInfo.InvariantCulture) : null),
        ]);
    }

    /// <summary>
    /// The export of this view: every page of it in its sort, its date bounds read in <paramref name="zone"/> as the
    /// grid reads them; <paramref name="columns"/> is "visible" or "all".
    /// </summary>
    public string ToExportUri(string columns, TimeZoneInfo zone)
    {
        var uri = (this with { Page = 0, Anchor = null, PageSize = Default.PageSize }).ToUri();
        var query = uri.IndexOf('?') is var start and >= 0 ? uri[(start + 1)..] + "&" : "";
        return $"{ExportPath}?{query}columns={Uri.EscapeDataString(columns)}&tz={Uri.EscapeDataString(zone.Id)}";
    }

    /// <summary>Reads a view from a URL's query; anything unreadable falls back to the default rather than failing.</summary>
    public static ContactGridView FromUri(string uri)
    {
        var get = UrlQuery.Reader(uri);
        var (createdFrom, createdTo) = ParseRange(get("created"));
        var (editedFrom, editedTo) = ParseRange(get("edited"));
        var sort = get("sort");
        var descending = sort?.StartsWith('-') ?? Default.Descending;
        var sortColumn = UrlQuery.Enum<ContactSort>(sort?.TrimStart('-')) ?? Default.Sort;
        var extraSortColumn = ExtraColumnSort.Parse(sort?.TrimStart('-'));
        var size = UrlQuery.Int(get("size")) is { } requested && ContactQueries.PageSizes.Contains(requested) ? requested : Default.PageSize;
        var page = UrlQuery.PageIndex(get("page"));
        var anchor = UrlQuery.Long(get("after")) is { } afterId ? new PageAnchor(page, afterId, After: true)
            : UrlQuery.Long(get("before")) is { } beforeId ? new PageAnchor(page, beforeId, After: false)
            : null;

        return new ContactGridView
        {
            Search = get("q"),
            Status = UrlQuery.Enum<EmailStatus>(get("status")),
            Source = UrlQuery.Enum<ContactSource>(get("source")),
            CategoryId = UrlQuery.Int(get("category")),
            CreatedFrom = createdFrom,
            CreatedTo = createdTo,
            EditedFrom = editedFrom,
            EditedTo = editedTo,
            FieldId = UrlQuery.Int(get("field")),
            FieldOperator = UrlQuery.Enum<FieldOperator>(get("op")) ?? FieldOperator.Equals,
            FieldValue = get("value"),
            // An empty rule is not written, so it reads back as none; an unreadable one is ignored like any other part.
            Rule = SegmentRuleJson.FromUrlValue(get("rule")) is { IsEmpty: false } rule ? rule : null,
            SegmentId = UrlQuery.Int(get("segment")),
            Sort = sortColumn,
            SortColumn = extraSortColumn,
            Descending = sort is null ? Default.Descending : descending,
            Page = page,
            PageSize = size,
            Anchor = anchor,
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
            CreatedFrom = LocalDays.StartUtc(CreatedFrom, zone),
            CreatedTo = LocalDays.StartUtc(CreatedTo?.AddDays(1), zone),
            EditedFrom = LocalDays.StartUtc(EditedFrom, zone),
            EditedTo = LocalDays.StartUtc(EditedTo?.AddDays(1), zone),
            Field = FieldId is { } id ? new CustomFieldCondition(id, FieldOperator, FieldValue) : null,
            Rule = Rule is { IsEmpty: false } rule ? rule : null,
        },
        Page = Page,
        PageSize = PageSize,
        Sort = Sort,
        SortColumn = SortColumn,
        Descending = Descending,
        StartAfterId = CurrentAnchor is { After: true } after ? after.RowId : null,
        EndBeforeId = CurrentAnchor is { After: false } before ? before.RowId : null,
    };

    /// <summary>
    /// The view of the neighbouring page (or a new page size), anchored on the row at this page's edge when
    /// it is the next or previous page, so the grid can seek there instead of counting rows from the start.
    /// </summary>
    public ContactGridView ToPage(GridPage target, IReadOnlyList<ContactRow> rowsShown)
    {
        PageAnchor? anchor = null;
        if (target.Size == PageSize && rowsShown.Count > 0)
        {
            if (target.Index == Page + 1) anchor = new PageAnchor(target.Index, rowsShown[^1].Id, After: true);
            else if (target.Index == Page - 1 && target.Index > 0) anchor = new PageAnchor(target.Index, rowsShown[0].Id, After: false);
        }
        return this with { Page = target.Index, PageSize = target.Size, Anchor = anchor };
    }

    private static string? Range(DateOnly? from, DateOnly? to) =>
        from is null && to is null ? null : $"{UrlQuery.Iso(from)}..{UrlQuery.Iso(to)}";

    private static (DateOnly?, DateOnly?) ParseRange(string? value)
    {
        if (value is null) return (null, null);
        var parts = value.Split("..");
        return (UrlQuery.Date(parts[0]), parts.Length > 1 ? UrlQuery.Date(parts[1]) : null);
    }
}

/// <summary>Page <paramref name="Page"/> starts right after (or ends right before) the contact <paramref name="RowId"/>.</summary>
public sealed record PageAnchor(int Page, long RowId, bool After);
