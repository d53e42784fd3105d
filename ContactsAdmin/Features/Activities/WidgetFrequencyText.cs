using System.Globalization;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Activities;

/// <summary>How the widget frequency reads to a marketer: "at most 2 per day", "shown 3 of 2 today".</summary>
public static class WidgetFrequencyText
{
    public static string Limit(Widget widget) => widget.FrequencyPeriod switch
    {
        WidgetFrequencyPeriod.Session => $"at most {widget.FrequencyLimit} per session",
        WidgetFrequencyPeriod.Day => $"at most {widget.FrequencyLimit} per day",
        WidgetFrequencyPeriod.Week => $"at most {widget.FrequencyLimit} per week",
        _ => $"at most {widget.FrequencyLimit} in the contact's lifetime",
    };

    /// <summary>The current period, as in "shown 4 of 3 today".</summary>
    public static string Current(WidgetFrequencyPeriod kind) => kind switch
    {
        WidgetFrequencyPeriod.Session => "in the latest session",
        WidgetFrequencyPeriod.Day => "today",
        WidgetFrequencyPeriod.Week => "this week",
        _ => "in total",
    };

    /// <summary>A past period, as in "3rd display on 4 Mar 2026".</summary>
    public static string Past(WidgetPeriod period) => period.Kind switch
    {
        WidgetFrequencyPeriod.Session => "in one session",
        WidgetFrequencyPeriod.Day => $"on {Day(period.FirstDay)}",
        WidgetFrequencyPeriod.Week => $"in the week of {Day(period.FirstDay)}",
        _ => "in total",
    };

    public static string Shown(int count, int limit, WidgetFrequencyPeriod kind) => $"shown {count} of {limit} {Current(kind)}";

    /// <summary>What the grid's marker says about a display beyond the limit.</summary>
    public static string BeyondLimit(WidgetDisplayMark mark) =>
        $"{Ordinal(mark.Ordinal)} display {Past(mark.Period)}; the widget allows {mark.Limit} {PerPeriod(mark.Period.Kind)}.";

    private static string PerPeriod(WidgetFrequencyPeriod kind) => kind switch
    {
        WidgetFrequencyPeriod.Session => "per session",
        WidgetFrequencyPeriod.Day => "per day",
        WidgetFrequencyPeriod.Week => "per week",
        _ => "in a lifetime",
    };

    private static string Day(DateOnly? day) => day?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "";

    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };
}
