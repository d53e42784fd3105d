using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>
/// POST /api/v1/contacts writes a chunk of items together (identities resolved in memory, one save); whatever the
/// items do to each other, the outcome must be what writing them one at a time with POST /api/v1/contact gives.
/// </summary>
public class BulkWritesTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Fact]
    public async Task A_bulk_stores_the_same_contacts_answers_and_history_as_its_items_written_one_by_one()
    {
        var field = await app.Store.FieldAsync(app.Unique("tier"), CustomFieldType.Text);
        var category = await app.Store.CategoryAsync(app.Unique("News "));

        var bulk = await RunAsync(app.Unique("bulk") + "-", phoneDigit: 1, field, category, async (client, items) =>
        {
            using var response = await client.PostJsonAsync("/api/v1/contacts", new JsonArray([.. items]).ToJsonString(), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return [.. (await response.BodyAsync(Ct))["results"]!.AsArray().Select(r => r!.AsObject())];
        });
        var single = await RunAsync(app.Unique("single") + "-", phoneDigit: 2, field, category, async (client, items) =>
        {
            var results = new List<JsonObject>();
            foreach (var item in items)
            {
                using var response = await client.PostJsonAsync("/api/v1/contact", item.ToJsonString(), Ct);
                var body = (await response.BodyAsync(Ct)).AsObject();
                body["status"] = (int)response.StatusCode;
                results.Add(body);
            }
            return results;
        });

        Assert.Equal([201, 200, 200, 201, 409, 200, 409, 200, 201], bulk.Statuses);
        Assert.Equal(single.Statuses, bulk.Statuses);
        Assert.Equal(single.Conflicts, bulk.Conflicts);
        Assert.Equal(single.Contacts, bulk.Contacts);
        // Created in the request's order, as one at a time.
        Assert.True(bulk.Ids["A"] < bulk.Ids["B"] && bulk.Ids["B"] < bulk.Ids["C"]);
    }

    [Fact]
    public async Task An_item_the_store_refuses_is_reported_alone_and_the_others_are_stored()
    {
        var run = app.Unique("refused") + "-";
        await using (var db = app.Database.NewContext())
        {
            // A constraint the checks cannot foresee: only the store knows it. (DDL takes no parameters; the text is the test's own.)
            var trigger = $"""
                CREATE TRIGGER "refuse_{run.TrimEnd('-')}" BEFORE INSERT ON Contacts WHEN NEW.ExternalId = '{run}bad'
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
                """;
            await db.Database.ExecuteSqlRawAsync(trigger, Ct);
        }
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contacts", $$"""
            [ { "externalCustomerId": "{{run}}one", "firstName": "Olena" },
              { "externalCustomerId": "{{run}}bad", "firstName": "Refused" },
              { "externalCustomerId": "{{run}}one", "lastName": "Koval" },
              { "externalCustomerId": "{{run}}two", "firstName": "Petro" } ]
            """, Ct);

        var results = (await response.BodyAsync(Ct))["results"]!.AsArray();
        Assert.Equal([201, 500, 200, 201], results.Select(r => r!["status"]!.GetValue<int>()));
        Assert.Contains("refused by the test", results[1]!["detail"]!.GetValue<string>());
        await using var check = app.Database.NewContext();
        var stored = await check.Contacts.Where(c => c.ExternalId!.StartsWith(run)).OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Equal([("Olena", "Koval"), ("Petro", null)], stored.Select(c => (c.FirstName, c.LastName)));
        // Created (one entry with its External ID and first name), then the last name: nothing of the refused item.
        Assert.Equal([$"Created (source Api): External ID: {run}one; First name: Olena", "Koval"],
            await check.AuditEntries.Where(a => a.ContactId == stored[0].Id).OrderBy(a => a.Id).Select(a => a.NewValue).ToListAsync(Ct));
    }

    private sealed record Run(IReadOnlyList<int> Statuses, IReadOnlyList<string> Conflicts, IReadOnlyList<string> Contacts, IReadOnlyDictionary<string, long> Ids);

    /// <summary>
    /// The items (which create, update and conflict with each other and with an existing contact E), written by
    /// <paramref name="write"/>; then every answer and every contact touched, with its devices, field values,
    /// subscriptions and audit trail, as text in which this run's identifiers and ids read the same as another run's
    /// (times are left out: one at a time, each item has its own "now").
    /// </summary>
    private async Task<Run> RunAsync(string run, int phoneDigit, CustomFieldDefinition field, SubscriptionCategory category,
        Func<HttpClient, List<JsonObject>, Task<List<JsonObject>>> write)
    {
        var existing = await app.Store.ContactAsync(c =>
        {
            (c.ExternalId, c.Email, c.FirstName) = (run + "e", run + "e@example.com", "Emil");
            c.Devices.Add(new ContactDevice { DeviceId = run + "dev-e", PushToken = run + "tok-e", Platform = DevicePlatform.Android });
        });
        await app.Store.ValueAsync(existing, field, "silver");
        string Phone(int n) => $"+38050{phoneDigit}{n:D6}";
        var items = new[]
        {
            // A new contact with everything: email, phone, a custom field and a subscription.
            $$"""{ "externalCustomerId": "{{run}}a", "firstName": "Olena", "fields": [ { "id": "{{field.Key}}", "value": "gold" } ], "subscriptions": [ "{{category.Key}}" ], "channels": [ { "type": "email", "value": "{{run}}a@example.com" }, { "type": "sms", "value": "{{Phone(1)}}" } ] }""",
            // The same person again by the email, in other letters: an update (the address as entered changes).
            $$"""{ "lastName": "Koval", "channels": [ { "type": "email", "value": "{{run.ToUpperInvariant()}}A@example.com" } ] }""",
            // And by the External ID, with an app install.
            $$"""{ "externalCustomerId": "{{run}}a", "channels": [ { "type": "mobilepush", "value": "{{run}}tok-a", "device": { "deviceId": "{{run}}dev-a", "os": "Android", "appId": "shop" } } ] }""",
            $$"""{ "firstName": "Petro", "channels": [ { "type": "sms", "value": "{{Phone(2)}}" } ] }""",
            // A's External ID with B's phone: two people, both created in this request.
            $$"""{ "externalCustomerId": "{{run}}a", "channels": [ { "type": "sms", "value": "{{Phone(2)}}" } ] }""",
            // The existing contact: a new first name, the field cleared, its device with a new push token.
            $$"""{ "externalCustomerId": "{{run}}e", "firstName": "Emilia", "fields": [ { "id": "{{field.Key}}", "value": "" } ], "channels": [ { "type": "mobilepush", "value": "{{run}}tok-e2", "device": { "deviceId": "{{run}}dev-e", "os": "Android" } } ] }""",
            // The existing contact's email with another External ID: somebody else.
            $$"""{ "externalCustomerId": "{{run}}other", "channels": [ { "type": "email", "value": "{{run}}e@example.com" } ] }""",
            // A by the push token it got above.
            $$"""{ "channels": [ { "type": "mobilepush", "value": "{{run}}tok-a" } ] }""",
            $$"""{ "subscriptions": [ "{{category.Key}}" ], "fields": [ { "id": "{{field.Key}}", "value": "bronze" } ], "channels": [ { "type": "email", "value": "{{run}}c@example.com" } ] }""",
        };
        using var client = app.Client();
        var results = await write(client, [.. items.Select(i => JsonNode.Parse(i)!.AsObject())]);

        var ids = new Dictionary<string, long> { ["A"] = Id(results[0]), ["B"] = Id(results[3]), ["C"] = Id(results[8]), ["E"] = existing.Id };
        string Same(string text)
        {
            text = Regex.Replace(text, Regex.Escape(run), "<run>", RegexOptions.IgnoreCase);
            text = Regex.Replace(text, $@"\+?38050{phoneDigit}(\d{{6}})", "<phone $1>");
            // Contacts are named by id ("contact #12", "id":12): by their part in the story instead.
            var labels = ids.ToDictionary(i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), i => i.Key);
            return Regex.Replace(text, @"(#|""id"":)(\d+)", m => m.Groups[1].Value + labels.GetValueOrDefault(m.Groups[2].Value, "?" + m.Groups[2].Value));
        }
        var conflicts = results.Where(r => r["status"]!.GetValue<int>() == 409)
            .Select(r => Same((r["detail"] ?? r["title"])!.GetValue<string>() + " " + (r["contacts"]?.ToJsonString() ?? ""))).ToList();
        var contacts = new List<string>();
        foreach (var (label, id) in ids) contacts.Add(label + ": " + Same(await DescribeAsync(id)));
        return new Run([.. results.Select(r => r["status"]!.GetValue<int>())], conflicts, contacts, ids);
    }

    private static long Id(JsonObject result) => (result["id"] ?? result["contactId"])!.GetValue<long>();

    private async Task<string> DescribeAsync(long id)
    {
        await using var db = app.Database.NewContext();
        var contact = await db.Contacts.AsNoTracking().Include(c => c.CustomFieldValues).Include(c => c.Devices).Include(c => c.Subscriptions)
            .SingleAsync(c => c.Id == id, Ct);
        var lines = db.Entry(contact).Properties
            .Where(p => p.Metadata.Name is not (nameof(Contact.Id) or nameof(Contact.CreatedAt) or nameof(Contact.LastEditAt)))
            .Select(p => $"{p.Metadata.Name}={p.CurrentValue}").ToList();
        lines.AddRange(contact.CustomFieldValues.OrderBy(v => v.FieldId).Select(v => $"field {v.FieldId}={v.TextValue}|{v.NumberValue}|{v.DateValue}|{v.BoolValue}"));
        lines.AddRange(contact.Devices.OrderBy(d => d.DeviceId).Select(d => $"device {d.DeviceId} {d.PushToken} {d.Platform} {d.Os} {d.AppId} {d.IsActive}"));
        lines.AddRange(contact.Subscriptions.OrderBy(s => s.CategoryId).Select(s => $"subscription {s.CategoryId} {s.IsSubscribed} {s.Source}"));
        lines.AddRange(await db.AuditEntries.Where(a => a.ContactId == id).OrderBy(a => a.Id)
            .Select(a => $"audit {a.Field}: {a.OldValue} -> {a.NewValue} by {a.Actor} ({a.Source})").ToListAsync(Ct));
        return string.Join(Environment.NewLine, lines);
    }
}
