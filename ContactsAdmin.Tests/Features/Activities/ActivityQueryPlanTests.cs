using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Activities;

/// <summary>
/// The activity tab stays fast for a contact with a hundred thousand activities only while every query seeks
/// into an index on the contact; these tests read SQLite's plan for each query the tab runs. (Timings are
/// measured by bench/ContactsAdmin.Bench, not asserted here.)
/// </summary>
public class ActivityQueryPlanTests : TracedStoreTest
{
    private Contact contact = null!;
    private Widget[] widgets = null!;

    protected override async Task SeedAsync(StoreBuilder store)
    {
        contact = await store.ContactAsync();
        widgets = [.. await Task.WhenAll(Enum.GetValues<WidgetFrequencyPeriod>().Select(p => store.WidgetAsync(p, 1)))];
        await store.ActivitiesAsync(contact, widgets.Select(w => new Activity
        {
            OccurredAt = new DateTime(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc), Channel = ActivityChannel.WebWidget, Name = w.Name,
            Status = MessageStatus.Delivered, WidgetId = w.Id, SessionId = "s-1",
        }));
        // Something for each view below to find, so each draws its chart.
        await store.ActivitiesAsync(contact,
            new Activity { OccurredAt = new DateTime(2026, 3, 4, 10, 0, 0, DateTimeKind.Utc), Channel = ActivityChannel.Email, Name = "Spring sale", Status = MessageStatus.Clicked },
            new Activity { OccurredAt = new DateTime(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc), Channel = ActivityChannel.Sms, Name = "Весняний розпродаж", Status = MessageStatus.Read });
    }

    [Fact]
    public async Task Deleting_a_widget_finds_its_displays_through_the_widget_index()
    {
        var widget = widgets[0];
        await using (var connection = new SqliteConnection(Database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var explain = connection.CreateCommand();
            // The lookup SQLite makes for ON DELETE SET NULL: only rows with a widget can match, so the partial index serves.
            explain.CommandText = "EXPLAIN QUERY PLAN UPDATE Activities SET WidgetId = NULL WHERE WidgetId = $id";
            explain.Parameters.AddWithValue("$id", widget.Id);
            var steps = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct)) steps.Add(reader.GetString(3));
            Assert.Contains(steps, s => Regex.IsMatch(s, @"^SEARCH Activities USING (COVERING )?INDEX IX_Activities_WidgetId \(WidgetId=\?\)$"));
        }

        await using var db = Factory.CreateDbContext();
        await db.Widgets.Where(w => w.Id == widget.Id).ExecuteDeleteAsync(Ct);

        var display = await db.Activities.SingleAsync(a => a.Name == widget.Name && a.Channel == ActivityChannel.WebWidget, Ct);
        Assert.Null(display.WidgetId);
    }

    public static TheoryData<string> Views => ["", "channel=email", "status=clicked", "channel=sms&status=read", "from=2026-03-01&to=2026-03-31", "q=sale", "q=розпродаж", "page=40"];

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Every_query_of_the_tab_seeks_into_an_index_and_pages_without_sorting(string query)
    {
        var factory = Factory;
        var clock = TimeProvider.System;
        var view = ActivityView.FromUri("http://localhost/contacts/1?tab=activity&" + query);
        var filter = view.ToFilter(TimeZoneInfo.Utc);

        await new ActivityQueries(factory, clock).SummaryAsync(contact.Id, filter, TimeZoneInfo.Utc, Ct);
        await new ActivityQueries(factory, clock).PageAsync(contact.Id, filter, view.Page, view.PageSize, TimeZoneInfo.Utc, Ct);
        await new WidgetDisplayQueries(factory, clock).StandingsAsync(contact.Id, TimeZoneInfo.Utc, Ct);

        var plans = Recorder.Plans.Where(p => p.Sql.Contains("\"Activities\"")).ToList();
        Assert.NotEmpty(plans);
        // Scanning a list of constants (the chart's bars, the chips' channel and status pairs), the rows a subquery
        // produced (the page, joined to its widgets) or the widget definitions (a short list, for the widget panel) is
        // fine; every read of the activities is a seek.
        Assert.All(plans, plan => Assert.All(plan.Steps.Where(s => Regex.IsMatch(s, "^SEARCH a[0-9]* ") || s.StartsWith("SCAN", StringComparison.Ordinal) && !IsConstants(s) && !IsSubquery(plan, s) && s != "SCAN w"), step =>
            // A seek by the contact, on its own index or the message index (Status, ContactId, ...) the segments added.
            Assert.Matches(@"^SEARCH a[0-9]* USING (COVERING )?INDEX IX_Activities_\w+ \((Status=\? AND )?ContactId=\?", step)));
        Assert.All(plans.Where(p => p.Sql.Contains("ORDER BY")), plan => Assert.DoesNotContain(plan.Steps, s => s.Contains("FOR ORDER BY")));
        // The chart: one statement for all its bars, each bar's count a range seek on the contact's index (never a scan
        // of the contact's activities per bar, nor a temporary b-tree to group them).
        var chart = Assert.Single(plans, p => p.Steps.Any(IsConstants) && p.Sql.Contains("\"Until\""));
        Assert.Contains(chart.Steps, s => s.StartsWith("CORRELATED SCALAR SUBQUERY", StringComparison.Ordinal));
        Assert.Contains(chart.Steps, s => s.StartsWith("SEARCH a USING", StringComparison.Ordinal) && s.Contains("OccurredAt>? AND OccurredAt<?"));
        Assert.DoesNotContain(chart.Steps, s => s.Contains("TEMP B-TREE"));
        // The range it seeks is the bar's: no constant bound on OccurredAt beside the bar's own (SQLite would seek by that one).
        Assert.DoesNotMatch("\"OccurredAt\" [<>]=? @", chart.Sql);
    }

    private static bool IsSubquery(QueryPlan plan, string step) => plan.Steps.Contains("CO-ROUTINE " + step["SCAN ".Length..]);

    // The lists of constants are a JSON parameter read by json_each.
    private static bool IsConstants(string step) => step.StartsWith("SCAN json_each VIRTUAL TABLE", StringComparison.Ordinal);
}
