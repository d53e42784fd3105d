namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>
/// The contacts a bulk action applies to: either rows picked by id, or "all matching" a filter. A filter selection
/// is the filter itself, read again when the job runs (and after a restart), not a list of ids made when it was chosen.
/// </summary>
public sealed record BulkSelection(ContactFilter? Filter, IReadOnlyList<long>? Ids)
{
    public static BulkSelection OfIds(IEnumerable<long> ids) => new(null, [.. ids.Distinct().Order()]);

    public static BulkSelection AllMatching(ContactFilter filter) => new(filter, null);

    public bool IsAllMatching => Filter is not null;
}
