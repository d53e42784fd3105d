namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>
/// The grid's selected rows: ids picked on any page (kept while paging and sorting), or "all matching" the filter.
/// A change of filter clears it: a selection made under one filter would act on rows the user no longer sees.
/// </summary>
public sealed class GridSelection
{
    private readonly HashSet<long> ids = [];
    /// <summary>The row last clicked without Shift: a Shift-click selects from it to the clicked row.</summary>
    private long? anchor;

    /// <summary>The filter the selection was made under.</summary>
    public ContactFilter? Filter { get; private set; }

    /// <summary>The selection is the filter itself (every contact it matches), not the ids picked.</summary>
    public bool AllMatching { get; private set; }

    /// <summary>How many "all matching" holds: the filter's exact count when the user chose it.</summary>
    public long MatchingCount { get; private set; }

    public bool IsEmpty => !AllMatching && ids.Count == 0;

    public long Count => AllMatching ? MatchingCount : ids.Count;

    public bool Contains(long id) => AllMatching || ids.Contains(id);

    /// <summary>Called with each loaded page's filter: paging keeps the selection, another filter clears it.</summary>
    public void KeepFor(ContactFilter filter)
    {
        if (Filter is not null && Filter != filter) Clear();
        Filter = filter;
    }

    /// <summary>
    /// Selects or unselects a row; with <paramref name="range"/> (Shift held) every row of the page between the last
    /// clicked one and this one takes this row's new state.
    /// </summary>
    public void Toggle(IReadOnlyList<long> page, long id, bool range)
    {
        LeaveAllMatching(page);
        var select = !ids.Contains(id);
        var (from, to) = (anchor is { } a ? IndexOf(page, a) : -1, IndexOf(page, id));
        if (range && from >= 0 && to >= 0)
        {
            foreach (var rowId in page.Skip(Math.Min(from, to)).Take(Math.Abs(to - from) + 1)) Set(rowId, select);
        }
        else Set(id, select);
        anchor = id;
    }

    /// <summary>The header's box: selects the page's rows, or unselects them when all are selected.</summary>
    public void TogglePage(IReadOnlyList<long> page)
    {
        var select = !AllOf(page);
        LeaveAllMatching(page);
        foreach (var id in page) Set(id, select);
    }

    public bool AllOf(IReadOnlyList<long> page) => page.Count > 0 && page.All(Contains);

    public bool SomeOf(IReadOnlyList<long> page) => page.Any(Contains);

    public void SelectAllMatching(long count) => (AllMatching, MatchingCount) = (true, count);

    public void Clear()
    {
        ids.Clear();
        (AllMatching, MatchingCount, anchor) = (false, 0, null);
    }

    /// <summary>What a bulk action acts on.</summary>
    public BulkSelection ToBulkSelection() =>
        AllMatching && Filter is { } filter ? BulkSelection.AllMatching(filter) : BulkSelection.OfIds(ids);

    /// <summary>Unticking a row of "all matching" leaves the page's rows picked by id, then the click applies.</summary>
    private void LeaveAllMatching(IReadOnlyList<long> page)
    {
        if (!AllMatching) return;
        Clear();
        foreach (var id in page) ids.Add(id);
    }

    private void Set(long id, bool select)
    {
        if (select) ids.Add(id);
        else ids.Remove(id);
    }

    private static int IndexOf(IReadOnlyList<long> page, long id)
    {
        for (var i = 0; i < page.Count; i++)
            if (page[i] == id) return i;
        return -1;
    }
}
