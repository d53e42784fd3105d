using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Bulk;

namespace ContactsAdmin.Tests.Features.Contacts.Bulk;

/// <summary>The grid's selection: ranges by Shift, the page's box, paging keeps it, a new filter clears it, "all matching" is the filter.</summary>
public sealed class GridSelectionTests
{
    private static readonly long[] Page = [10, 11, 12, 13, 14];
    private static readonly ContactFilter Imported = new() { Source = ContactSource.Import };

    [Fact]
    public void Shift_click_selects_every_row_between_the_last_clicked_and_this_one()
    {
        var selection = new GridSelection();

        selection.Toggle(Page, 11, range: false);
        selection.Toggle(Page, 14, range: true);

        Assert.Equal([11, 12, 13, 14], Selected(selection));
    }

    [Fact]
    public void The_header_box_selects_the_page_then_unselects_it()
    {
        var selection = new GridSelection();

        selection.TogglePage(Page);
        Assert.True(selection.AllOf(Page));
        selection.TogglePage(Page);

        Assert.True(selection.IsEmpty);
    }

    [Fact]
    public void Paging_keeps_the_selection_and_another_filter_clears_it()
    {
        var selection = new GridSelection();
        selection.KeepFor(Imported);
        selection.Toggle(Page, 10, range: false);

        selection.KeepFor(Imported with { });   // the next page, same filter
        Assert.Equal(1, selection.Count);
        selection.KeepFor(Imported with { Source = ContactSource.Api });

        Assert.True(selection.IsEmpty);
    }

    [Fact]
    public void All_matching_is_the_filter_and_unticking_a_row_leaves_the_rest_of_the_page_picked()
    {
        var selection = new GridSelection();
        selection.KeepFor(Imported);

        selection.SelectAllMatching(500_000);
        Assert.Equal((500_000L, Imported, (IReadOnlyList<long>?)null), (selection.Count, selection.ToBulkSelection().Filter, selection.ToBulkSelection().Ids));
        selection.Toggle(Page, 12, range: false);

        Assert.Equal([10, 11, 13, 14], Selected(selection));
    }

    private static long[] Selected(GridSelection selection) => [.. selection.ToBulkSelection().Ids ?? []];
}
