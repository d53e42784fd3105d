using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ContactsAdmin.Data;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>POST /api/v1/events: up to 3000 events, a result per item, bad items do not stop good ones, idempotent on keyValue.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class BulkEventsTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static string Event(string keyValue, string identifier, string value, string type = "PageViewed") =>
        $$"""{ "eventTypeKey": "{{type}}", "keyValue": "{{keyValue}}", "occurredAt": "2026-03-03T10:15:00Z", "params": [ { "name": "{{identifier}}", "value": "{{value}}" }, { "name": "page", "value": "/sale" } ] }""";

    private static IReadOnlyList<int> Statuses(JsonNode result) => [.. result["results"]!.AsArray().Select(r => r!["status"]!.GetValue<int>())];

    private static JsonNode Item(JsonNode result, int index) => result["results"]![index]!;

    [Fact]
    public async Task Good_and_bad_items_mixed_store_the_good_ones_and_report_each_bad_one_by_index_and_field()
    {
        var run = app.Unique("mix") + "-";
        var known = await app.Store.ContactAsync(c => c.ExternalId = run + "known");
        var other = await app.Store.ContactAsync(c => c.Email = run + "other@example.com");
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/events", $$"""
            [
              {{Event(run + "0", "externalCustomerId", known.ExternalId!)}},
              { "eventTypeKey": "Add;ToCart", "keyValue": "{{run}}1", "params": [ { "name": "externalCustomerId", "value": "{{known.ExternalId}}" } ] },
              {{Event(run + "2", "email", "not-an-address")}},
              { "eventTypeKey": "PageViewed", "keyValue": "{{run}}3", "params": [ { "name": "page", "value": "/no-contact" } ] },
              { "eventTypeKey": "PageViewed", "keyValue": 4, "params": [ { "name": "externalCustomerId", "value": "{{known.ExternalId}}" } ] },
              "not an object",
              { "eventTypeKey": "PageViewed", "keyValue": "{{run}}6",
                "params": [ { "name": "externalCustomerId", "value": "{{known.ExternalId}}" }, { "name": "email", "value": "{{other.Email}}" } ] },
              {{Event(run + "7", "deviceId", run + "no-such-device")}},
              {{Event(run + "8", "email", run + "new@example.com")}}
            ]
            """, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.BodyAsync(Ct);
        Assert.Equal((9, 2, 0, 7), (result["received"]!.GetValue<int>(), result["created"]!.GetValue<int>(),
            result["duplicates"]!.GetValue<int>(), result["failed"]!.GetValue<int>()));
        Assert.Equal([201, 400, 400, 400, 400, 400, 409, 422, 201], Statuses(result));
        Assert.Equal(Enumerable.Range(0, 9), result["results"]!.AsArray().Select(r => r!["index"]!.GetValue<int>()));
        Assert.Equal(["eventTypeKey"], Item(result, 1)["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["params[0].value"], Item(result, 2)["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["params"], Item(result, 3)["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["keyValue"], Item(result, 4)["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["$"], Item(result, 5)["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal([known.Id, other.Id], Item(result, 6)["contacts"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()));
        Assert.Contains(run + "no-such-device", Item(result, 7)["detail"]!.GetValue<string>());
        Assert.Equal((known.Id, false, false), (Item(result, 0)["contactId"]!.GetValue<long>(),
            Item(result, 0)["duplicate"]!.GetValue<bool>(), Item(result, 0)["contactCreated"]!.GetValue<bool>()));
        Assert.True(Item(result, 8)["contactCreated"]!.GetValue<bool>());

        await using var db = app.Database.NewContext();
        var stored = await db.Activities.Where(a => a.EventKey!.StartsWith(run)).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal([run + "0", run + "8"], stored.Select(a => a.EventKey));
        Assert.Equal(Item(result, 0)["activityId"]!.GetValue<long>(), stored[0].Id);
        Assert.Equal((known.Id, "PageViewed", ActivityChannel.Website, new DateTime(2026, 3, 3, 10, 15, 0)),
            (stored[0].ContactId, stored[0].Name, stored[0].Channel, stored[0].OccurredAt));
        Assert.Contains("/sale", stored[0].Details);
    }

    [Fact]
    public async Task A_key_value_is_stored_once_within_a_bulk_and_across_bulks()
    {
        var run = app.Unique("dup") + "-";
        var contact = await app.Store.ContactAsync(c => c.ExternalId = run + "c");
        using var client = app.Client();

        using var first = await client.PostJsonAsync("/api/v1/events", $"""
            [ {Event(run + "a", "externalCustomerId", contact.ExternalId!)}, {Event(run + "b", "externalCustomerId", contact.ExternalId!)},
              {Event(run + "a", "externalCustomerId", contact.ExternalId!)} ]
            """, Ct);
        using var second = await client.PostJsonAsync("/api/v1/events", $$"""
            { "events": [ {{Event(run + "b", "externalCustomerId", contact.ExternalId!)}}, {{Event(run + "c", "externalCustomerId", contact.ExternalId!)}} ] }
            """, Ct);
        using var single = await client.PostJsonAsync("/api/v1/event", Event(run + "c", "externalCustomerId", contact.ExternalId!), Ct);

        var one = await first.BodyAsync(Ct);
        var two = await second.BodyAsync(Ct);
        Assert.Equal([201, 201, 200], Statuses(one));
        Assert.Equal((2, 1), (one["created"]!.GetValue<int>(), one["duplicates"]!.GetValue<int>()));
        Assert.True(Item(one, 2)["duplicate"]!.GetValue<bool>());
        Assert.Equal(Item(one, 0)["activityId"]!.GetValue<long>(), Item(one, 2)["activityId"]!.GetValue<long>());
        Assert.Equal([200, 201], Statuses(two));
        Assert.Equal(Item(one, 1)["activityId"]!.GetValue<long>(), Item(two, 0)["activityId"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal(Item(two, 1)["activityId"]!.GetValue<long>(), (await single.BodyAsync(Ct))["activityId"]!.GetValue<long>());
        await using var db = app.Database.NewContext();
        Assert.Equal([run + "a", run + "b", run + "c"], await db.Activities.Where(a => a.ContactId == contact.Id).OrderBy(a => a.Id).Select(a => a.EventKey).ToListAsync(Ct));
    }

    [Fact]
    public async Task An_unknown_contact_named_by_several_events_of_a_bulk_is_created_once_with_an_audit_entry_naming_the_key()
    {
        var run = app.Unique("once") + "-";
        var buyer = run + "buyer";
        var visitor = run + "visitor@example.com";
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/events", $$"""
            [
              {{Event(run + "1", "externalCustomerId", buyer, "OrderPlaced")}},
              {{Event(run + "2", "email", visitor)}},
              {{Event(run + "3", "externalCustomerId", buyer)}},
              {{Event(run + "4", "email", visitor.ToUpperInvariant())}},
              {{Event(run + "5", "externalCustomerId", buyer, "AddToCart")}}
            ]
            """, Ct);

        var result = await response.BodyAsync(Ct);
        Assert.Equal([201, 201, 201, 201, 201], Statuses(result));
        var contactIds = result["results"]!.AsArray().Select(r => r!["contactId"]!.GetValue<long>()).ToList();
        Assert.Equal([true, true, false, false, false], result["results"]!.AsArray().Select(r => r!["contactCreated"]!.GetValue<bool>()));
        Assert.Equal([contactIds[0], contactIds[1], contactIds[0], contactIds[1], contactIds[0]], contactIds);
        await using var db = app.Database.NewContext();
        var created = await db.Contacts.Where(c => c.ExternalId == buyer || c.EmailNormalized == visitor).OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Equal([(contactIds[0], ContactSource.Order), (contactIds[1], ContactSource.Event)], created.Select(c => (c.Id, c.Source)));
        Assert.Equal(3, await db.Activities.CountAsync(a => a.ContactId == contactIds[0], Ct));
        var audit = await db.AuditEntries.Where(a => a.ContactId == contactIds[0]).ToListAsync(Ct);
        Assert.NotEmpty(audit);
        Assert.All(audit, a => Assert.Equal((ChangeSource.ApiKey, "API key 'test suite'"), (a.Source, a.Actor)));
        Assert.All(created, c => Assert.Equal("API key 'test suite'", c.LastEditBy));
    }

    [Fact]
    public async Task A_full_bulk_spanning_several_transactions_stores_every_event_once()
    {
        var run = app.Unique("full") + "-";
        var contact = await app.Store.ContactAsync(c => c.ExternalId = run + "c");
        var items = Enumerable.Range(0, ApiOptions.MaxBulkEvents)
            .Select(i => Event(run + (i == 2900 ? 5 : i), "externalCustomerId", i % 3 == 0 ? run + "new" + i % 7 : contact.ExternalId!))
            .ToList();
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/events", "[" + string.Join(',', items) + "]", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.BodyAsync(Ct);
        Assert.Equal((ApiOptions.MaxBulkEvents - 1, 1, 0), (result["created"]!.GetValue<int>(), result["duplicates"]!.GetValue<int>(), result["failed"]!.GetValue<int>()));
        Assert.Equal(Item(result, 5)["activityId"]!.GetValue<long>(), Item(result, 2900)["activityId"]!.GetValue<long>());
        await using var db = app.Database.NewContext();
        Assert.Equal(ApiOptions.MaxBulkEvents - 1, await db.Activities.CountAsync(a => a.EventKey!.StartsWith(run), Ct));
        Assert.Equal(7, await db.Contacts.CountAsync(c => c.ExternalId!.StartsWith(run + "new"), Ct));
    }

    [Fact]
    public async Task A_body_that_is_malformed_not_a_list_too_long_or_too_large_is_refused_whole()
    {
        var run = app.Unique("refused") + "-";
        using var client = app.Client();
        var tooMany = "[" + string.Join(',', Enumerable.Range(0, ApiOptions.MaxBulkEvents + 1).Select(i => Event(run + i, "externalCustomerId", run + "c"))) + "]";
        var tooLarge = new StringBuilder("[");
        for (var i = 0; i < 2000; i++)
            tooLarge.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{ "eventTypeKey": "PageViewed", "keyValue": "{{run}}big{{i}}", "params": [ { "name": "externalCustomerId", "value": "{{run}}c" }, { "name": "note", "value": "{{new string('x', 2500)}}" } ] }""");
        tooLarge.Append(']');

        using var malformed = await client.PostJsonAsync("/api/v1/events", $$"""[ {{Event(run + "m", "externalCustomerId", run + "c")}}, """, Ct);
        using var notAList = await client.PostJsonAsync("/api/v1/events", Event(run + "n", "externalCustomerId", run + "c"), Ct);
        using var overCount = await client.PostJsonAsync("/api/v1/events", tooMany, Ct);
        using var overSize = await client.PostJsonAsync("/api/v1/events", tooLarge.ToString(), Ct);
        using var notJson = await client.PostAsync("/api/v1/events", new StringContent("keyValue=1", Encoding.UTF8, "text/plain"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.MediaType());
        Assert.Equal(HttpStatusCode.BadRequest, notAList.StatusCode);
        Assert.Contains("list of events", (await notAList.BodyAsync(Ct))["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, overCount.StatusCode);
        Assert.Contains("at most 3000 events", (await overCount.BodyAsync(Ct))["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overSize.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        await using var db = app.Database.NewContext();
        Assert.False(await db.Activities.AnyAsync(a => a.EventKey!.StartsWith(run), Ct));
        Assert.False(await db.Contacts.AnyAsync(c => c.ExternalId == run + "c", Ct));
    }

    [Fact]
    public async Task The_bulk_needs_a_key_with_the_events_scope_as_a_single_event_does()
    {
        var run = app.Unique("scope") + "-";
        var body = $"[ {Event(run + "1", "externalCustomerId", run + "c")} ]";
        using var anonymous = app.Client("");
        using var contactsOnly = app.Client(await app.CreateKeyAsync(app.Unique("contacts only "), ApiScopes.ContactsWrite));
        using var eventsOnly = app.Client(await app.CreateKeyAsync(app.Unique("events only "), ApiScopes.EventsWrite));

        using var missing = await anonymous.PostJsonAsync("/api/v1/events", body, Ct);
        using var forbidden = await contactsOnly.PostJsonAsync("/api/v1/events", body, Ct);
        using var allowed = await eventsOnly.PostJsonAsync("/api/v1/events", body, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.MediaType());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal([201], Statuses(await allowed.BodyAsync(Ct)));
    }
}
