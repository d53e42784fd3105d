using System.Globalization;
using System.Text;
using ContactsAdmin.Bench.Stores;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;

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
        using var raw = context.OpenRaw();
        var (contactId, count, zoneId) = await BusiestContactAsync(raw);
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

        var firstPage = await queries.PageAsync(contactId, none, 0, 25, contactZone, default);
        context.ExpectSameRows(Group, "page 1 of 25", SameRows.Difference(firstPage.Select(r => r.Id).ToList(), await RawPageAsync(raw, contactId, offset: 0)));
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

    private static async Task<(long Id, long Count, string? Zone)> BusiestContactAsync(RawSql raw)
    {
        // Ties broken by id, so both engines pick the same contact.
        await using var command = raw.Command("""
            SELECT a.ContactId, a.n, c.TimeZone
            FROM (SELECT ContactId, count(*) AS n FROM Activities GROUP BY ContactId ORDER BY n DESC, ContactId LIMIT 1) a
            JOIN Contacts c ON c.Id = a.ContactId
            """);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException("The database has no activities.");
        return (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>The chips: per (channel, status) under the date filter (the benchmark's filters have no name).</summary>
    private static async Task RawCountsAsync(RawSql raw, long contactId, ActivityFilter filter)
    {
        var (dates, parameters) = DateConditions(raw.Dialect, filter);
        await using var counts = raw.Command("SELECT Channel, Status, count(*) FROM Activities WHERE ContactId = @id" + dates + " GROUP BY Channel, Status",
            [("@id", contactId), .. parameters]);
        await RawSql.DrainAsync(counts);
        if (filter.From is not null || filter.To is not null)
        {
            await using var total = raw.Command("SELECT count(*) FROM Activities WHERE ContactId = @id", ("@id", contactId));
            await RawSql.DrainAsync(total);
        }
    }

    /// <summary>The chart: the first matching activity, then every bar's count in one statement (the bars' bounds worked out as the app does).</summary>
    private static async Task RawChartAsync(RawSql raw, long contactId, ActivityFilter filter, TimeZoneInfo zone, DateOnly today)
    {
        var conditions = new StringBuilder(" AND ContactId = @id");
        if (filter.Status is { } status) conditions.Append(" AND Status = '").Append(status).Append('\'');
        DateTime start;
        if (filter.From is { } from) start = from;
        else
        {
            await using var first = raw.Command("SELECT min(OccurredAt) FROM Activities WHERE 1 = 1" + conditions, ("@id", contactId));
            if (raw.Dialect.ReadTime(await first.ExecuteScalarAsync()) is not { } earliest) return;
            start = earliest;
        }
        var last = filter.To is { } to ? LocalDays.DayOf(to, zone).AddDays(-1) : today;
        var bars = ActivityTimeline.Bars(LocalDays.DayOf(start, zone), last);
        if (bars.Buckets.Count == 0) return;

        var values = new StringBuilder();
        var bounds = new List<(string Name, object Value)> { ("@id", contactId) };
        for (var i = 0; i < bars.Buckets.Count; i++)
        {
            var bar = bars.Buckets[i];
            var lo = LocalDays.StartUtc(bar.Start, zone);
            var hi = LocalDays.StartUtc(bar.End, zone);
            values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({i}, @f{i}, @u{i})");
            bounds.Add(($"@f{i}", raw.Dialect.Time(filter.From is { } f && f > lo ? f : lo)));
            bounds.Add(($"@u{i}", raw.Dialect.Time(filter.To is { } t && t < hi ? t : hi)));
        }
        await using var chart = raw.Command($"""
            SELECT b.column1, (SELECT count(*) FROM Activities a WHERE a.OccurredAt >= b.column2 AND a.OccurredAt < b.column3{conditions})
            FROM (VALUES {values}) b
            """, [.. bounds]);
        await RawSql.DrainAsync(chart);
    }

    private static async Task RawWidgetTotalsAsync(RawSql raw, long contactId)
    {
        await using var totals = raw.Command("""
            SELECT w.Id, w.Name, w.FrequencyLimit, w.FrequencyPeriod, t.n, t.last
            FROM (SELECT WidgetId, count(*) AS n, max(OccurredAt) AS last FROM Activities
                  WHERE ContactId = @id AND WidgetId IS NOT NULL GROUP BY WidgetId) t
            JOIN Widgets w ON w.Id = t.WidgetId
            """, ("@id", contactId));
        await RawSql.DrainAsync(totals);
    }

    private static (string Sql, List<(string Name, object Value)> Parameters) DateConditions(RawDialect dialect, ActivityFilter filter)
    {
        var sql = new StringBuilder();
        var parameters = new List<(string Name, object Value)>();
        if (filter.From is { } from) { sql.Append(" AND OccurredAt >= @from"); parameters.Add(("@from", dialect.Time(from))); }
        if (filter.To is { } to) { sql.Append(" AND OccurredAt < @to"); parameters.Add(("@to", dialect.Time(to))); }
        return (sql.ToString(), parameters);
    }

    private static async Task<List<long>> RawPageAsync(RawSql raw, long contactId, int offset)
    {
        await using var page = raw.Command("""
            SELECT Id, OccurredAt, Channel, Name, Status, Details, WidgetId, SessionId FROM Activities
            WHERE ContactId = @id ORDER BY OccurredAt DESC, Id DESC LIMIT 25 OFFSET @offset
            """, ("@id", contactId), ("@offset", offset));
        return await RawSql.DrainAsync(page);
    }
}
