using System.Globalization;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Activities;

/// <summary>One display of a widget to the contact.</summary>
public sealed record WidgetDisplay(long Id, DateTime OccurredAt, string? SessionId);

/// <summary>
/// The period a widget's frequency counts displays in: one session, one day or one (Monday-first) week in the
/// contact's time zone, or the contact's whole lifetime. <see cref="Key"/> tells periods apart; days and
/// weeks also know where they start (<see cref="FirstDay"/>, in the contact's zone).
/// </summary>
public sealed record WidgetPeriod(WidgetFrequencyPeriod Kind, string Key, DateOnly? FirstDay = null);

/// <summary>Where one display stands against its widget's limit: the <see cref="Ordinal"/>-th display of its period.</summary>
public sealed record WidgetDisplayMark(int Ordinal, int Limit, WidgetPeriod Period)
{
    public bool IsBeyondLimit => Ordinal > Limit;
}

/// <summary>
/// The widget frequency rule: at most N displays per session, day, week or lifetime. Days and weeks are the
/// contact's own (the visitor's browser counts them), so their boundaries are taken in the contact's time zone.
/// A visitor in a private window, or one who cleared cookies and site data, is counted afresh by the browser,
/// which is how displays beyond the limit happen; this rule finds them afterwards.
/// </summary>
public static class WidgetFrequency
{
    private const string Lifetime = "lifetime";

    public static WidgetPeriod PeriodOf(WidgetFrequencyPeriod kind, DateTime occurredAtUtc, string? sessionId, TimeZoneInfo contactZone)
    {
        switch (kind)
        {
            case WidgetFrequencyPeriod.Session:
                return new WidgetPeriod(kind, sessionId ?? "");
            case WidgetFrequencyPeriod.Day:
                var day = LocalDays.DayOf(occurredAtUtc, contactZone);
                return new WidgetPeriod(kind, Iso(day), day);
            case WidgetFrequencyPeriod.Week:
                var monday = LocalDays.WeekStart(LocalDays.DayOf(occurredAtUtc, contactZone));
                return new WidgetPeriod(kind, "week of " + Iso(monday), monday);
            default:
                return new WidgetPeriod(kind, Lifetime);
        }
    }

    /// <summary>The period that holds now: today, this week, the visitor's latest session, or the lifetime.</summary>
    public static WidgetPeriod CurrentPeriod(WidgetFrequencyPeriod kind, DateTime nowUtc, string? latestSessionId, TimeZoneInfo contactZone) =>
        PeriodOf(kind, nowUtc, latestSessionId, contactZone);

    /// <summary>
    /// Marks each display with its place in its period, oldest first (ties by id, the order they were recorded).
    /// Pass every display of the periods you want marked; a display without a session id is never counted
    /// against a per-session limit (its session is unknown).
    /// </summary>
    public static IReadOnlyDictionary<long, WidgetDisplayMark> Mark(Widget widget, IEnumerable<WidgetDisplay> displays, TimeZoneInfo contactZone)
    {
        var marks = new Dictionary<long, WidgetDisplayMark>();
        var seen = new Dictionary<string, int>();
        foreach (var display in displays.OrderBy(d => d.OccurredAt).ThenBy(d => d.Id))
        {
            var period = PeriodOf(widget.FrequencyPeriod, display.OccurredAt, display.SessionId, contactZone);
            var ordinal = 1;
            if (widget.FrequencyPeriod != WidgetFrequencyPeriod.Session || display.SessionId is not null)
                seen[period.Key] = ordinal = seen.GetValueOrDefault(period.Key) + 1;
            marks[display.Id] = new WidgetDisplayMark(ordinal, widget.FrequencyLimit, period);
        }
        return marks;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
