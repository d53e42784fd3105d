using System.Globalization;
using System.Text;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using Microsoft.Data.Sqlite;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// The Contact Activity tab for the contact with the most activities (about 100,000 in a seeded database):
/// opening the tab (counts, chart, widget standings, first page), paging, and the summary under filters, each
/// against the hand-written SQL a developer would write for the same answer: GROUP BY for the chips and the
/// widget totals, one statement of range counts for the chart's bars.
/// </summary>
public static class ActivityBench
{
    private const string Group = "activity";

    public static async Task RunAsync(BenchContext context)
    {
        using var raw = context.OpenRawConnection();
        var (contactId, count, zoneId) = BusiestContact(raw);
        var contactZone = LocalDays.ZoneOrUtc(zoneId);
        var userZone = LocalDays.ZoneOrUtc("Europe/Kyiv");
        var today = LocalDays.DayOf(DateTime.UtcNow, userZone);
        var queries = context.Create<ActivityQueries>();
        var widgets = context.Create<WidgetDisplayQueries>();
        var label = $"contact with {count:N0} activities";

        var none = ActivityView.Default.ToFilter(userZone);
        await context.MeasureAsync(Group, $"open the tab: counts, chart, widgets, page 1 ({label})", "< 50 ms", async _ =>
        {
            await queries.SummaryAsync(contactId, none, userZone, default);
            await widgets.StandingsAsync(contactId, contactZone, default);
            await queries.PageAsync(contactId, none, 0, 25, contactZone, default);
        }, async () =>
        {
            await RawCountsAsync(raw, contactId, none);
            await RawChartAsync(raw, contactId, none, userZone, today);
            await RawWidgetTotalsAsync(raw, contactId);
            await RawPageAsync(raw, contactId, offset: 0);
        }, note: "raw: chips, chart, widget totals, page");

        await context.MeasureAsync(Group, "page 1 of 25, newest first", "", _ => queries.PageAsync(contactId, none, 0, 25, contactZone, default),
            () => RawPageAsync(raw, contactId, offset: 0));
        await context.MeasureAsync(Group, "page 2,000 of 25 (deep)", "", _ => queries.PageAsync(contactId, none, 1999, 25, contactZone, default),
            () => RawPageAsync(raw, contactId, offset: 1999 * 25));
        await context.MeasureAsync(Group, "widget standings", "", _ => widgets.StandingsAsync(contactId, contactZone, default),
            () => RawWidgetTotalsAsync(raw, contactId), note: "raw: totals per widget only");

        var clicked = (ActivityView.Default with { Status = MessageStatus.Clicked }).ToFilter(userZone);
        var lastMonth = ActivityView.Default.WithQuickRange(30, today).ToFilter(userZone);
        foreach (var (name, filter) in new[] { ("summary, no filter", none), ("summary with status Clicked", clicked), ("summary, last 30 days", lastMonth) })
        {
            await context.MeasureAsync(Group, name, "", _ => queries.SummaryAsync(contactId, filter, userZone, default), async () =>
            {
                await RawCountsAsync(raw, contactId, filter);
                await RawChartAsync(raw, contactId, filter, userZone, today);
            }, note: "raw: chips, chart");
        }
    }

    private static (long Id, long Count, string? Zone) BusiestContact(SqliteConnection raw)
    {
        using var command = raw.CreateCommand();
        command.CommandText = """
            SELECT a.ContactId, a.n, c.TimeZone
            FROM (SELECT ContactId, count(*) AS n FROM Activities GROUP BY ContactId ORDER BY n DESC LIMIT 1) a
            JOIN Contacts c ON c.Id = a.ContactId
            """;
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw new InvalidOperationException("The database has no activities.");
        return (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>The chips: per (channel, status) under the date filter (the benchmark's filters have no name).</summary>
    private static async Task RawCountsAsync(SqliteConnection raw, long contactId, ActivityFilter filter)
    {
        await using var counts = raw.CreateCommand();
        counts.CommandText = "SELECT Channel, Status, count(*) FROM Activities WHERE ContactId = $id" + DateConditions(counts, filter) + " GROUP BY Channel, Status";
        counts.Parameters.AddWithValue("$id", contactId);
        await Drain(counts);
        if (filter.From is not null || filter.To is not null)
        {
            await using var total = raw.CreateCommand();
            total.CommandText = "SELECT count(*) FROM Activities WHERE ContactId = $id";
            total.Parameters.AddWithValue("$id", contactId);
            await Drain(total);
        }
    }

    /// <summary>The chart: the first matching activity, then every bar's count in one statement (the bars' bounds worked out as the app does).</summary>
    private static async Task RawChartAsync(SqliteConnection raw, long contactId, ActivityFilter filter, TimeZoneInfo zone, DateOnly today)
    {
        var conditions = new StringBuilder(" AND ContactId = $id");
        if (filter.Status is { } status) conditions.Append(" AND Status = '").Append(status).Append('\'');
        DateTime start;
        if (filter.From is { } from) start = from;
        else
        {
            await using var first = raw.CreateCommand();
            first.CommandText = "SELECT min(OccurredAt) FROM Activities WHERE 1 = 1" + conditions;
            first.Parameters.AddWithValue("$id", contactId);
            if (await first.ExecuteScalarAsync() is not string text) return;
            start = DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
        }
        var last = filter.To is { } to ? LocalDays.DayOf(to, zone).AddDays(-1) : today;
        var bars = ActivityTimeline.Bars(LocalDays.DayOf(start, zone), last);
        if (bars.Buckets.Count == 0) return;

        await using var chart = raw.CreateCommand();
        var values = new StringBuilder();
        for (var i = 0; i < bars.Buckets.Count; i++)
        {
            var bar = bars.Buckets[i];
            var lo = LocalDays.StartUtc(bar.Start, zone);
            var hi = LocalDays.StartUtc(bar.End, zone);
            values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({i}, $f{i}, $u{i})");
            chart.Parameters.AddWithValue($"$f{i}", filter.From is { } f && f > lo ? f : lo);
            chart.Parameters.AddWithValue($"$u{i}", filter.To is { } t && t < hi ? t : hi);
        }
        chart.CommandText = $"""
            SELECT b.column1, (SELECT count(*) FROM Activities a WHERE a.OccurredAt >= b.column2 AND a.OccurredAt < b.column3{conditions})
            FROM (VALUES {values}) b
            """;
        chart.Parameters.AddWithValue("$id", contactId);
        await Drain(chart);
    }

    private static async Task RawWidgetTotalsAsync(SqliteConnection raw, long contactId)
    {
        await using var totals = raw.CreateCommand();
        totals.CommandText = """
            SELECT w.Id, w.Name, w.FrequencyLimit, w.FrequencyPeriod, t.n, t.last
            FROM (SELECT WidgetId, count(*) AS n, max(OccurredAt) AS last FROM Activities
                  WHERE ContactId = $id AND WidgetId IS NOT NULL GROUP BY WidgetId) t
            JOIN Widgets w ON w.Id = t.WidgetId
            """;
        totals.Parameters.AddWithValue("$id", contactId);
        await Drain(totals);
    }

    private static string DateConditions(SqliteCommand command, ActivityFilter filter)
    {
        var sql = new StringBuilder();
        if (filter.From is { } from) { sql.Append(" AND OccurredAt >= $from"); command.Parameters.AddWithValue("$from", from); }
        if (filter.To is { } to) { sql.Append(" AND OccurredAt < $to"); command.Parameters.AddWithValue("$to", to); }
        return sql.ToString();
    }

    private static async Task RawPageAsync(SqliteConnection raw, long contactId, int offset)
    {
        await using var page = raw.CreateCommand();
        page.CommandText = """
            SELECT Id, OccurredAt, Channel, Name, Status, Details, WidgetId, SessionId FROM Activities
            WHERE ContactId = $id ORDER BY OccurredAt DESC, Id DESC LIMIT 25 OFFSET $offset
            """;
        page.Parameters.AddWithValue("$id", contactId);
        page.Parameters.AddWithValue("$offset", offset);
        await Drain(page);
    }

    /// <summary>Reads every value of every row, as materialising them in the app would.</summary>
    internal static async Task Drain(SqliteCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync()) reader.GetValues(values);
    }
}
