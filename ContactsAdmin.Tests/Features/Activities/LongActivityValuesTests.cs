using System.Globalization;
using System.Text.Json;
using Bunit;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Tests.Infrastructure;
using MudBlazor;

namespace ContactsAdmin.Tests.Features.Activities;

/// <summary>
/// An activity stored with huge details (before the API bounded them, or by an import) costs the tab a short row: long
/// values are cut with "…" and a "Show all" dialog, the tooltip is cut too, and an expanded row lists a bounded number of
/// parameters. The chart has a bounded number of bars whatever the range.
/// </summary>
public class LongActivityValuesTests : ComponentTestContext
{
    private static readonly string Huge = string.Concat(Enumerable.Repeat("0123456789", 300_000));   // 3 MB

    private static string DetailsWith(object parameters) => JsonSerializer.Serialize(parameters);

    [Fact]
    public void A_huge_parameter_is_cut_in_the_row_and_its_tooltip_and_shown_whole_only_on_request()
    {
        var rows = new List<ActivityRow>
        {
            new(1, new DateTime(2026, 3, 4, 10, 15, 0, DateTimeKind.Utc), ActivityChannel.Website, "AddToCart", null,
                DetailsWith(new Dictionary<string, string> { ["cart"] = Huge }), null, null),
        };

        var grid = Render<ActivityGrid>(p => p.Add(c => c.Rows, rows).Add(c => c.Page, 0).Add(c => c.PageSize, 25).Add(c => c.TotalCount, 1));

        var summary = grid.Find(".activity-summary");
        Assert.True(summary.TextContent.Length <= LongText.ShownLength + 1, $"{summary.TextContent.Length} characters in the cell");
        Assert.True(summary.GetAttribute("title")!.Length <= LongText.ShownLength + 1);
        Assert.EndsWith("…", summary.TextContent);
        Assert.True(grid.Markup.Length < 50_000, $"The grid's markup is {grid.Markup.Length} characters");
    }

    [Fact]
    public void An_expanded_row_cuts_long_values_and_show_all_opens_the_whole_value()
    {
        var provider = Render<MudDialogProvider>();
        var details = ActivityDetails.Parse(DetailsWith(new Dictionary<string, string> { ["cart"] = Huge, ["sku"] = "SKU-1" }));

        var view = Render<ActivityDetailsView>(p => p.Add(c => c.Details, details));

        Assert.True(view.Markup.Length < 5_000, $"The expanded row's markup is {view.Markup.Length} characters");
        Assert.Contains(Huge[..LongText.ShownLength] + "…", view.Find(".activity-parameters").TextContent);
        Assert.Contains("SKU-1", view.Find(".activity-parameters").TextContent);
        Assert.Empty(provider.FindAll("#full-value-dialog"));

        view.Find("button.show-all").Click();

        provider.WaitForAssertion(() => Assert.Equal(Huge, provider.Find("#full-value-dialog .full-value").TextContent));
    }

    [Fact]
    public void An_expanded_row_lists_a_bounded_number_of_parameters_and_counts_the_rest()
    {
        var parameters = Enumerable.Range(0, 50_000).ToDictionary(i => $"p{i}", i => i.ToString(CultureInfo.InvariantCulture));

        var view = Render<ActivityDetailsView>(p => p.Add(c => c.Details, ActivityDetails.Parse(DetailsWith(parameters))));

        Assert.Equal(LongText.ShownParameters, view.FindAll(".activity-parameters tbody tr").Count);
        Assert.Contains($"and {50_000 - LongText.ShownParameters} more parameters", view.Find(".activity-more-parameters").TextContent);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2026, 1, 1)]
    [InlineData(2016, 12, 4)]
    [InlineData(2024, 12, 4)]
    [InlineData(2026, 9, 1)]
    [InlineData(2026, 11, 1)]
    public void The_chart_has_a_bounded_number_of_bars_whatever_the_range(int year, int month, int day)
    {
        var last = new DateOnly(2026, 12, 4);

        var timeline = ActivityTimeline.Bars(new DateOnly(year, month, day), last);

        Assert.InRange(timeline.Buckets.Count, 1, ActivityTimeline.MaxBars);
        Assert.True(timeline.Buckets[0].Start <= new DateOnly(year, month, day));
        Assert.True(timeline.Buckets[^1].End > last);
        // The bars tile the range: each starts where the one before ends.
        Assert.All(timeline.Buckets.Zip(timeline.Buckets.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
    }

    [Fact]
    public void A_range_to_the_end_of_the_calendar_still_gives_bounded_bars()
    {
        var timeline = ActivityTimeline.Bars(DateOnly.MinValue, DateOnly.MaxValue);

        Assert.InRange(timeline.Buckets.Count, 1, ActivityTimeline.MaxBars);
        Assert.Equal(TimelineStep.Year, timeline.Step);
    }
}
