using System.Globalization;
using ContactsAdmin.Components.Shared;

namespace ContactsAdmin.Features.Activities;

public enum TimelineStep { Day, Week, Month, Year }

/// <summary>Activities in one bar of the chart: the days from <see cref="Start"/> up to (not including) <see cref="End"/>.</summary>
public sealed record TimelineBucket(DateOnly Start, DateOnly End, int Count);

/// <summary>
/// Activity per day, week, month or year across the selected range, in the user's time zone; every bar of the range is
/// there, empty ones too, so the bars keep their places. However long the range (a URL can ask for centuries), the chart
/// has at most <see cref="MaxBars"/> bars: the step grows with the range, and beyond ten years a bar holds several years.
/// </summary>
public sealed record ActivityTimeline(TimelineStep Step, IReadOnlyList<TimelineBucket> Buckets, int YearsPerBar = 1)
{
    /// <summary>Ranges longer than this are drawn per week (then per month, per year), so the chart stays readable.</summary>
    public const int MaxDailyBars = 62;

    /// <summary>The most bars a chart has, whatever the range.</summary>
    public const int MaxBars = 120;

    public static readonly ActivityTimeline Empty = new(TimelineStep.Day, []);

    public bool HasActivity => Buckets.Any(b => b.Count > 0);

    /// <summary>What one bar holds, for the caption: "day", "week", "month", "year" or "5 years".</summary>
    public string BarName => Step switch
    {
        TimelineStep.Day => "day",
        TimelineStep.Week => "week",
        TimelineStep.Month => "month",
        _ => YearsPerBar == 1 ? "year" : $"{YearsPerBar} years",
    };

    /// <summary>The bars cover days of more than one calendar year, so day and week labels must say which.</summary>
    public bool SpansYears => Buckets.Count > 0 && Buckets[0].Start.Year != LastDay.Year;

    /// <summary>The range's first and last day as the caption shows them: "3 Mar – 29 Nov 2026", "20 Dec 2025 – 10 Jan 2026".</summary>
    public string RangeText => Buckets.Count == 0 ? "" : $"{Day(Buckets[0].Start, withYear: SpansYears || Step is not (TimelineStep.Day or TimelineStep.Week))} – {Day(LastDay, withYear: true)}";

    /// <summary>
    /// The X axis labels, one per bar (empty where a label is skipped so at most <paramref name="maxLabels"/> show). Day and
    /// week labels read "3 Mar"; when the range spans years, the first label and the first of each new year carry it
    /// ("28 Dec 2025", "4 Jan 2026", "11 Jan"). Months and years always carry it ("Jan 2026").
    /// </summary>
    public string[] AxisLabels(int maxLabels)
    {
        var every = Math.Max(1, (int)Math.Ceiling(Buckets.Count / (double)Math.Max(1, maxLabels)));
        var labels = new string[Buckets.Count];
        int? lastYear = null;
        for (var i = 0; i < Buckets.Count; i++)
        {
            if (i % every != 0)
            {
                labels[i] = "";
                continue;
            }
            var start = Buckets[i].Start;
            var withYear = Step is not (TimelineStep.Day or TimelineStep.Week) || (SpansYears && start.Year != lastYear);
            labels[i] = Day(start, withYear);
            lastYear = start.Year;
        }
        return labels;
    }

    private DateOnly LastDay => Buckets[^1].End == DateOnly.MaxValue ? DateOnly.MaxValue : Buckets[^1].End.AddDays(-1);

    // Bars of months and years would all read "1 Jan" without the year, so they show the month and year instead.
    private string Day(DateOnly day, bool withYear) =>
        day.ToString(Step is TimelineStep.Day or TimelineStep.Week ? withYear ? "d MMM yyyy" : "d MMM" : "MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Empty bars for the days <paramref name="first"/> to <paramref name="last"/>: per day, Monday-first week, month or year(s).</summary>
    public static ActivityTimeline Bars(DateOnly first, DateOnly last)
    {
        if (last < first) return Empty;
        var months = (last.Year - first.Year) * 12 + last.Month - first.Month + 1;
        var years = last.Year - first.Year + 1;
        var timeline =
            last.DayNumber - first.DayNumber + 1 <= MaxDailyBars ? new ActivityTimeline(TimelineStep.Day, [])
            : (last.DayNumber - LocalDays.WeekStart(first).DayNumber) / 7 + 1 <= MaxBars ? new ActivityTimeline(TimelineStep.Week, [])
            : months <= MaxBars ? new ActivityTimeline(TimelineStep.Month, [])
            : new ActivityTimeline(TimelineStep.Year, [], YearsPerBar: (years + MaxBars - 1) / MaxBars);

        var buckets = new List<TimelineBucket>();
        for (var start = timeline.FirstStart(first); start <= last;)
        {
            var end = timeline.Next(start);
            buckets.Add(new TimelineBucket(start, end, 0));
            if (end == DateOnly.MaxValue) break;   // the calendar's end
            start = end;
        }
        return timeline with { Buckets = buckets };
    }

    private DateOnly FirstStart(DateOnly first) => Step switch
    {
        TimelineStep.Day => first,
        TimelineStep.Week => LocalDays.WeekStart(first),
        TimelineStep.Month => new DateOnly(first.Year, first.Month, 1),
        _ => new DateOnly(first.Year, 1, 1),
    };

    /// <summary>The start of the bar after the one starting on <paramref name="start"/>; the calendar's last day when there is none.</summary>
    private DateOnly Next(DateOnly start)
    {
        try
        {
            return Step switch
            {
                TimelineStep.Day => start.AddDays(1),
                TimelineStep.Week => start.AddDays(7),
                TimelineStep.Month => start.AddMonths(1),
                _ => start.AddYears(YearsPerBar),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateOnly.MaxValue;
        }
    }
}
