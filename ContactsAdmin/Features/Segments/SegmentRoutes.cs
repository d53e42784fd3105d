namespace ContactsAdmin.Features.Segments;

/// <summary>Where segments are shown: the list page, and the grid opened on one segment (the grid reads <see cref="GridQueryKey"/>).</summary>
public static class SegmentRoutes
{
    public const string Page = "/segments";

    /// <summary>The grid's query parameter naming the saved segment it shows.</summary>
    public const string GridQueryKey = "segment";

    /// <summary>The grid showing the segment's contacts: <c>/contacts?segment={id}</c>.</summary>
    public static string Grid(int segmentId) => $"/contacts?{GridQueryKey}={segmentId}";
}
