using ContactsAdmin.Components.Shared;
using ContactsAdmin.Features.Activities;
using Microsoft.Data.Sqlite;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// The Contact Activity tab for the contact with the most activities (about 100,000 in a seeded database):
/// opening the tab (counts, chart, widget standings, first page) and paging, against raw SQL for the page and counts.
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
        }, () => RawPageAndCountsAsync(raw, contactId, offset: 0), note: "raw: page + counts only");

        await context.MeasureAsync(Group, "page 1 of 25, newest first", "", _ => queries.PageAsync(contactId, none, 0, 25, contactZone, default),
            () => RawPageAsync(raw, contactId, offset: 0));
        await context.MeasureAsync(Group, "page 2,000 of 25 (deep)", "", _ => queries.PageAsync(contactId, none, 1999, 25, contactZone, default),
            () => RawPageAsync(raw, contactId, offset: 1999 * 25));
        var clicked = ActivityView.Default with { Status = Data.MessageStatus.Clicked };
        await context.MeasureAsync(Group, "summary with status Clicked", "", _ => queries.SummaryAsync(contactId, clicked.ToFilter(userZone), userZone, default), null);
        var lastMonth = ActivityView.Default.WithQuickRange(30, today);
        await context.MeasureAsync(Group, "summary, last 30 days", "", _ => queries.SummaryAsync(contactId, lastMonth.ToFilter(userZone), userZone, default), null);
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

    private static async Task RawPageAndCountsAsync(SqliteConnection raw, long contactId, int offset)
    {
        await RawPageAsync(raw, contactId, offset);
        await using var counts = raw.CreateCommand();
        counts.CommandText = "SELECT Channel, Status, count(*) FROM Activities WHERE ContactId = $id GROUP BY Channel, Status";
        counts.Parameters.AddWithValue("$id", contactId);
        await Drain(counts);
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
