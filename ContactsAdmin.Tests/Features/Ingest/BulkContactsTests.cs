using System.Net;
using System.Text;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>POST /api/v1/contacts: up to 3000 contacts, a result per item, bad items do not stop good ones.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class BulkContactsTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_bulk_of_3000_with_10_bad_items_stores_2990_and_reports_the_10_by_index()
    {
        var batch = app.Unique("bulk") + "-";
        var bad = new Dictionary<int, (string Item, string Path)>
        {
            [7] = ("""{ "externalCustomerId": "{0}", "channels": [ { "type": "email", "value": "not-an-address" } ] }""", "channels[0].value"),
            [150] = ("""{ "externalCustomerId": "{0}", "firstName": "1234" }""", "firstName"),
            [299] = ("""{ "externalCustomerId": "{0}", "channels": [ { "type": "email", "value": "ok{0}@example.com" }, { "type": "sms", "value": "12" } ] }""", "channels[1].value"),
            [640] = ("""{ "externalCustomerId": "{0}", "languageCode": "??" }""", "languageCode"),
            [1001] = ("""{ "externalCustomerId": "{0}", "timeZone": "Mars/Base" }""", "timeZone"),
            [1500] = ("""{ "externalCustomerId": "{0}", "fields": [ { "id": "missing_field", "value": 1 } ] }""", "fields[0].id"),
            [2222] = ("""{ "externalCustomerId": "{0}", "subscriptions": [ "missing_category" ] }""", "subscriptions[0]"),
            [2500] = ("""{ "externalCustomerId": "{0}", "lastName": 17 }""", "lastName"),
            [2998] = ("""{ "firstName": "Nobody" }""", "externalCustomerId"),
            [2999] = ("""{ "externalCustomerId": "{0}", "address": { "country": "Atlantis" } }""", "address.country"),
        };
        var body = new StringBuilder("[");
        for (var i = 0; i < 3000; i++)
        {
            if (i > 0) body.Append(',');
            var id = batch + i;
            body.Append(bad.TryGetValue(i, out var item)
                ? item.Item.Replace("{0}", id)
                : $$"""{ "externalCustomerId": "{{id}}", "firstName": "Olena", "lastName": "Koval", "channels": [ { "type": "email", "value": "{{id}}@example.com" } ] }""");
        }
        body.Append(']');
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contacts", body.ToString(), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.BodyAsync(Ct);
        Assert.Equal((3000, 2990, 0, 10), (result["received"]!.GetValue<int>(), result["created"]!.GetValue<int>(),
            result["updated"]!.GetValue<int>(), result["failed"]!.GetValue<int>()));
        var results = result["results"]!.AsArray();
        Assert.Equal(Enumerable.Range(0, 3000), results.Select(r => r!["index"]!.GetValue<int>()));
        var failed = results.Where(r => r!["status"]!.GetValue<int>() == 400).ToList();
        Assert.Equal(bad.Keys.Order(), failed.Select(r => r!["index"]!.GetValue<int>()));
        foreach (var item in failed)
            Assert.Equal([bad[item!["index"]!.GetValue<int>()].Path], item["errors"]!.AsObject().Select(e => e.Key));
        await using var db = app.Database.NewContext();
        Assert.Equal(2990, await db.Contacts.CountAsync(c => c.ExternalId!.StartsWith(batch), Ct));
        Assert.False(await db.Contacts.AnyAsync(c => c.ExternalId == batch + 7 || c.ExternalId == batch + 2999, Ct));
    }

    [Fact]
    public async Task Items_naming_the_same_person_twice_in_one_bulk_create_one_contact_and_a_conflicting_item_is_refused_alone()
    {
        var a = await app.Store.ContactAsync(c => c.ExternalId = app.Unique("u-"));
        var b = await app.Store.ContactAsync(c => c.Email = app.Unique("b") + "@example.com");
        var fresh = app.Unique("fresh-");
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contacts", $$"""
            { "contacts": [
              { "externalCustomerId": "{{fresh}}", "firstName": "Olena" },
              { "externalCustomerId": "{{a.ExternalId}}", "channels": [ { "type": "email", "value": "{{b.Email}}" } ] },
              { "externalCustomerId": "{{fresh}}", "lastName": "Koval" }
            ] }
            """, Ct);

        var results = (await response.BodyAsync(Ct))["results"]!.AsArray();
        Assert.Equal([201, 409, 200], results.Select(r => r!["status"]!.GetValue<int>()));
        Assert.Equal([a.Id, b.Id], results[1]!["contacts"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()));
        await using var db = app.Database.NewContext();
        var contact = await db.Contacts.SingleAsync(c => c.ExternalId == fresh, Ct);
        Assert.Equal(("Olena", "Koval"), (contact.FirstName, contact.LastName));
        Assert.Null((await db.Contacts.SingleAsync(c => c.Id == a.Id, Ct)).Email);
    }

    [Fact]
    public async Task More_than_3000_contacts_or_a_body_that_is_not_a_list_is_refused_whole()
    {
        using var client = app.Client();
        var tooMany = "[" + string.Join(',', Enumerable.Repeat("{}", 3001)) + "]";

        using var many = await client.PostJsonAsync("/api/v1/contacts", tooMany, Ct);
        using var notList = await client.PostJsonAsync("/api/v1/contacts", """{ "externalCustomerId": "u-1" }""", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Contains("3000", (await many.BodyAsync(Ct))["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, notList.StatusCode);
    }
}
