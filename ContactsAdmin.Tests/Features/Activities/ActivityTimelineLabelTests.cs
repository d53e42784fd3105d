using ContactsAdmin.Features.Activities;

namespace ContactsAdmin.Tests.Features.Activities;

/// <summary>The chart's axis and caption say which year a bar is in whenever the range crosses a new year.</summary>
public class ActivityTimelineLabelTests
{
    [Fact]
    public void Day_labels_within_one_year_leave_the_year_to_the_caption()
    {
        var timeline = ActivityTimeline.Bars(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 10));

        var labels = timeline.AxisLabels(12).Where(l => l.Length > 0).ToList();

        Assert.Equal("1 Mar", labels[0]);
        Assert.DoesNotContain(labels, l => l.Contains("2026", StringComparison.Ordinal));
        Assert.Equal("1 Mar – 10 Mar 2026", timeline.RangeText);
    }

    [Fact]
    public void Day_labels_across_new_year_name_the_year_on_the_first_label_and_on_the_first_of_the_new_year()
    {
        var timeline = ActivityTimeline.Bars(new DateOnly(2025, 12, 20), new DateOnly(2026, 1, 10));

        var labels = timeline.AxisLabels(22);

        Assert.Equal(TimelineStep.Day, timeline.Step);
        Assert.Equal("20 Dec 2025", labels[0]);
        Assert.Equal("21 Dec", labels[1]);
        Assert.Equal("1 Jan 2026", labels[12]);
        Assert.Equal("2 Jan", labels[13]);
        Assert.Equal("20 Dec 2025 – 10 Jan 2026", timeline.RangeText);
    }

    [Fact]
    public void Week_labels_over_two_years_carry_each_year_once()
    {
        var timeline = ActivityTimeline.Bars(new DateOnly(2025, 6, 2), new DateOnly(2026, 6, 1));

        var shown = timeline.AxisLabels(12).Where(l => l.Length > 0).ToList();

        Assert.Equal(TimelineStep.Week, timeline.Step);
        Assert.EndsWith("2025", shown[0], StringComparison.Ordinal);
        Assert.Single(shown, l => l.EndsWith("2025", StringComparison.Ordinal));
        Assert.Single(shown, l => l.EndsWith("2026", StringComparison.Ordinal));
        Assert.InRange(shown.Count, 2, 12);
    }
}
