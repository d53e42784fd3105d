using Bunit;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Components;

public class GridPagerTests : ComponentTestContext
{
    private IRenderedComponent<GridPager> Pager(int page, int total, bool exact, bool hasNext = false, int rowsOnPage = 25, bool estimate = false) =>
        Render<GridPager>(p => p
            .Add(c => c.Page, page).Add(c => c.PageSize, 25).Add(c => c.PageSizes, [25, 50, 100])
            .Add(c => c.TotalCount, total).Add(c => c.TotalIsExact, exact).Add(c => c.TotalIsEstimate, estimate)
            .Add(c => c.HasNextPage, hasNext).Add(c => c.RowsOnPage, rowsOnPage));

    private static bool Disabled(IRenderedComponent<GridPager> pager, string label) =>
        pager.Find($"button[aria-label='{label}']").HasAttribute("disabled");

    [Fact]
    public void An_exact_total_gives_the_position_and_a_last_page()
    {
        var pager = Pager(page: 1, total: 60, exact: true);

        Assert.Equal("26–50 of 60", pager.Find("#grid-pager-position").TextContent);
        Assert.False(Disabled(pager, "Next page"));
        Assert.False(Disabled(pager, "Last page"));
    }

    [Fact]
    public void A_capped_total_says_more_than_and_pages_on_while_rows_follow()
    {
        var pager = Pager(page: 0, total: 10_000, exact: false, hasNext: true);
        var deep = Pager(page: 9_999, total: 10_000, exact: false, hasNext: false, rowsOnPage: 7);

        Assert.Equal("1–25 of more than 10,000", pager.Find("#grid-pager-position").TextContent);
        Assert.False(Disabled(pager, "Next page"));
        Assert.True(Disabled(pager, "Last page"));
        Assert.Equal("249,976–249,982 of 249,982", deep.Find("#grid-pager-position").TextContent);
        Assert.True(Disabled(deep, "Next page"));
    }

    [Fact]
    public void An_estimated_total_says_about_until_the_rows_seen_pass_it()
    {
        var first = Pager(page: 0, total: 12_000, exact: false, hasNext: true, estimate: true);
        var beyond = Pager(page: 480, total: 12_000, exact: false, hasNext: true, estimate: true);
        var last = Pager(page: 493, total: 12_000, exact: false, hasNext: false, rowsOnPage: 10, estimate: true);

        Assert.Equal("1–25 of about 12,000", first.Find("#grid-pager-position").TextContent);
        Assert.True(Disabled(first, "Last page"));
        Assert.False(Disabled(first, "Next page"));
        // The estimate was low: past it only "more than" is true; the last page tells the real total.
        Assert.Equal("12,001–12,025 of more than 12,025", beyond.Find("#grid-pager-position").TextContent);
        Assert.Equal("12,326–12,335 of 12,335", last.Find("#grid-pager-position").TextContent);
    }
}
