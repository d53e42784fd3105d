using ContactsAdmin.Components.Shared;

namespace ContactsAdmin.Features.Activities;

public enum TimelineStep { Day, Week }

/// <summary>Activities in one bar of the chart: the day, or the week starting on that Monday.</summary>
public sealed record TimelineBucket(DateOnly Start, int Count);

/// <summary>
/// Activity per day (or per week over long ranges) across the selected range, in the user's time zone; every
/// day or week of the range has a bar, empty ones too, so the bars keep their places.
/// </summary>
public sealed record ActivityTimeline(TimelineStep Step, IReadOnlyList<TimelineBucket> Buckets)
{
    /// <summary>Ranges longer than this are drawn per week, so the chart stays readable.</summary>
    public const int MaxDailyBars = 62;

    public static readonly ActivityTimeline Empty = new(TimelineStep.Day, []);

    public int DaysPerBar => Step == TimelineStep.Day ? 1 : 7;

    public bool HasActivity => Buckets.Any(b => b.Count > 0);

    /// <summary>Empty bars for the days <paramref name="first"/> to <paramref name="last"/>, per day or (long ranges) per Monday-first week.</summary>
    public static ActivityTimeline Bars(DateOnly first, DateOnly last)
    {
        if (last < first) return Empty;
        var step = last.DayNumber - first.DayNumber + 1 > MaxDailyBars ? TimelineStep.Week : TimelineStep.Day;
        var timeline = new ActivityTimeline(step, []);
        var buckets = new List<TimelineBucket>();
        for (var start = step == TimelineStep.Day ? first : LocalDays.WeekStart(first); start <= last; start = start.AddDays(timeline.DaysPerBar))
            buckets.Add(new TimelineBucket(start, 0));
        return timeline with { Buckets = buckets };
    }
}
