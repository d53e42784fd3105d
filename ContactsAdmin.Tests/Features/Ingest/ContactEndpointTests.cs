using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>POST /api/v1/contact: created vs updated, each step of the matching order, conflicts, validation, audit.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactEndpointTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_new_contact_is_created_with_201_and_the_same_payload_again_updates_it_with_200()
    {
        var externalId = app.Unique("u-");
        using var client = app.Client();
        var payload = $$"""{ "externalCustomerId": "{{externalId}}", "firstName": "Olena", "lastName": "Koval" }""";

        using var first = await client.PostJsonAsync("/api/v1/contact", payload, Ct);
        using var second = await client.PostJsonAsync("/api/v1/contact", payload.Replace("Olena", "Olenka"), Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.BodyAsync(Ct);
        Assert.True(created["created"]!.GetValue<bool>());
        var id = created["id"]!.GetValue<long>();
        Assert.Equal($"/api/v1/contacts/{id}", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var updated = await second.BodyAsync(Ct);
        Assert.Equal(id, updated["id"]!.GetValue<long>());
        Assert.False(updated["created"]!.GetValue<bool>());
        await using var db = app.Database.NewContext();
        var contact = await db.Contacts.SingleAsync(c => c.ExternalId == externalId, Ct);
        Assert.Equal(("Olenka", "Koval", ContactSource.Api), (contact.FirstName, contact.LastName, contact.Source));
    }

    [Fact]
    public async Task A_write_sets_the_source_on_creation_last_edit_and_audit_entries_naming_the_api_key()
    {
        var keyName = app.Unique("shop back end ");
        using var client = app.Client(await app.CreateKeyAsync(keyName));
        var externalId = app.Unique("u-");

        using var create = await client.PostJsonAsync("/api/v1/contact", $$"""{ "externalCustomerId": "{{externalId}}" }""", Ct);
        var id = (await create.BodyAsync(Ct))["id"]!.GetValue<long>();
        using var update = await client.PostJsonAsync("/api/v1/contact", $$"""{ "externalCustomerId": "{{externalId}}", "firstName": "Taras" }""", Ct);

        await using var db = app.Database.NewContext();
        var contact = await db.Contacts.SingleAsync(c => c.Id == id, Ct);
        Assert.Equal(ContactSource.Api, contact.Source);
        Assert.Equal($"API key '{keyName}'", contact.LastEditBy);
        var audit = await db.AuditEntries.Where(a => a.ContactId == id).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.All(audit, a => Assert.Equal((ChangeSource.ApiKey, $"API key '{keyName}'"), (a.Source, a.Actor)));
        Assert.Contains(audit, a => a.Field == "Contact" && a.NewValue == $"Created (source Api): External ID: {externalId}");
        Assert.Contains(audit, a => a.Field == "First name" && a.OldValue == null && a.NewValue == "Taras");
    }

    [Fact]
    public async Task The_external_id_finds_the_contact_first()
    {
        var existing = await app.Store.ContactAsync(c => { c.ExternalId = app.Unique("u-"); c.Email = app.Unique("old") + "@example.com"; });
        using var client = app.Client();

        // The email is new: the External ID decides, and the contact's email changes.
        var newEmail = app.Unique("new") + "@example.com";
        using var response = await client.PostJsonAsync("/api/v1/contact",
            $$"""{ "externalCustomerId": "{{existing.ExternalId}}", "channels": [ { "type": "email", "value": "{{newEmail}}" } ] }""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(existing.Id, (await response.BodyAsync(Ct))["id"]!.GetValue<long>());
        await using var db = app.Database.NewContext();
        Assert.Equal(newEmail, (await db.Contacts.SingleAsync(c => c.Id == existing.Id, Ct)).Email);
    }

    [Fact]
    public async Task The_email_finds_the_contact_when_no_external_id_matches_and_the_contact_gains_the_external_id()
    {
        var email = app.Unique("olena") + "@example.com";
        var existing = await app.Store.ContactAsync(c => c.Email = email);
        var externalId = app.Unique("u-");
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contact",
            $$"""{ "externalCustomerId": "{{externalId}}", "channels": [ { "type": "email", "value": "{{email.ToUpperInvariant()}}" } ] }""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(existing.Id, (await response.BodyAsync(Ct))["id"]!.GetValue<long>());
        await using var db = app.Database.NewContext();
        Assert.Equal(externalId, (await db.Contacts.SingleAsync(c => c.Id == existing.Id, Ct)).ExternalId);
    }

    [Fact]
    public async Task The_phone_finds_the_contact_in_any_format_when_neither_external_id_nor_email_matches()
    {
        var existing = await app.Store.ContactAsync(c => c.Phone = "+380501112233");
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contact",
            """{ "firstName": "Oksana", "channels": [ { "type": "sms", "value": "050 111 22 33" } ] }""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(existing.Id, (await response.BodyAsync(Ct))["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_push_token_finds_the_contact_when_no_other_identifier_matches()
    {
        var token = app.Unique("push-token-");
        var existing = await app.Store.ContactAsync(c => c.Devices.Add(new ContactDevice { DeviceId = app.Unique("d-"), PushToken = token, Platform = DevicePlatform.iOS }));
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contact",
            $$"""{ "lastName": "Shevchenko", "channels": [ { "type": "mobilepush", "value": "{{token}}", "device": { "os": "iOS", "appVersion": "5.0" } } ] }""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(existing.Id, (await response.BodyAsync(Ct))["id"]!.GetValue<long>());
        await using var db = app.Database.NewContext();
        var device = await db.ContactDevices.SingleAsync(d => d.PushToken == token, Ct);
        Assert.Equal((existing.Id, "5.0"), (device.ContactId, device.AppVersion));
    }

    [Fact]
    public async Task Two_identifiers_of_two_different_contacts_are_refused_naming_both_and_nothing_is_written()
    {
        var byExternalId = await app.Store.ContactAsync(c => { c.ExternalId = app.Unique("u-"); c.FirstName = "Olena"; });
        var byEmail = await app.Store.ContactAsync(c => { c.Email = app.Unique("taras") + "@example.com"; c.FirstName = "Taras"; });
        await using var before = app.Database.NewContext();
        var counts = (await before.Contacts.CountAsync(Ct), await before.AuditEntries.CountAsync(Ct), await before.ContactSubscriptions.CountAsync(Ct));
        var category = await app.Store.CategoryAsync(app.Unique("Conflict news "));
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contact", $$"""
            { "externalCustomerId": "{{byExternalId.ExternalId}}", "firstName": "Changed", "subscriptions": [ "{{category.Key}}" ],
              "channels": [ { "type": "email", "value": "{{byEmail.Email}}" } ] }
            """, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        var problem = await response.BodyAsync(Ct);
        var named = problem["contacts"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ToList();
        Assert.Equal([byExternalId.Id, byEmail.Id], named);
        Assert.Contains($"#{byExternalId.Id}", problem["detail"]!.GetValue<string>());
        Assert.Contains($"#{byEmail.Id}", problem["detail"]!.GetValue<string>());
        await using var after = app.Database.NewContext();
        Assert.Equal(counts, (await after.Contacts.CountAsync(Ct), await after.AuditEntries.CountAsync(Ct), await after.ContactSubscriptions.CountAsync(Ct)));
        Assert.Equal("Olena", (await after.Contacts.SingleAsync(c => c.Id == byExternalId.Id, Ct)).FirstName);
    }

    [Fact]
    public async Task A_contact_found_by_email_with_another_external_id_is_not_renamed()
    {
        var email = app.Unique("kept") + "@example.com";
        var existing = await app.Store.ContactAsync(c => { c.ExternalId = app.Unique("u-"); c.Email = email; });
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contact",
            $$"""{ "externalCustomerId": "{{app.Unique("other-")}}", "channels": [ { "type": "email", "value": "{{email}}" } ] }""", Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await using var db = app.Database.NewContext();
        Assert.Equal(existing.ExternalId, (await db.Contacts.SingleAsync(c => c.Id == existing.Id, Ct)).ExternalId);
    }

    [Theory]
    [InlineData("""{ "externalCustomerId": "u-v1", "firstName": "1234" }""", "firstName")]
    [InlineData("""{ "externalCustomerId": "u-v2", "lastName": "K@val" }""", "lastName")]
    [InlineData("""{ "externalCustomerId": "u-v3", "languageCode": "xx-notalanguage" }""", "languageCode")]
    [InlineData("""{ "externalCustomerId": "u-v4", "timeZone": "Mars/Olympus" }""", "timeZone")]
    [InlineData("""{ "externalCustomerId": "u-v5", "birthDate": "17.04.1990" }""", "birthDate")]
    [InlineData("""{ "externalCustomerId": "u-v6", "address": { "country": "Ukraine" } }""", "address.country")]
    [InlineData("""{ "channels": [ { "type": "email", "value": "olena@example.com" }, { "type": "sms", "value": "12" } ] }""", "channels[1].value")]
    [InlineData("""{ "channels": [ { "type": "email", "value": "not an address" } ] }""", "channels[0].value")]
    [InlineData("""{ "channels": [ { "type": "fax", "value": "123" } ] }""", "channels[0].type")]
    [InlineData("""{ "externalCustomerId": "u-v7", "fields": [ { "id": "no_such_field", "value": "x" } ] }""", "fields[0].id")]
    [InlineData("""{ "externalCustomerId": "u-v8", "subscriptions": [ "no_such_category" ] }""", "subscriptions[0]")]
    [InlineData("""{ "firstName": "Olena" }""", "externalCustomerId")]
    public async Task Each_invalid_field_is_named_by_its_path_and_nothing_is_written(string payload, string path)
    {
        using var client = app.Client();
        await using var before = app.Database.NewContext();
        var contacts = await before.Contacts.CountAsync(Ct);

        using var response = await client.PostJsonAsync("/api/v1/contact", payload, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        Assert.Equal([path], await response.ErrorPathsAsync(Ct));
        await using var after = app.Database.NewContext();
        Assert.Equal(contacts, await after.Contacts.CountAsync(Ct));
    }

    [Fact]
    public async Task A_custom_field_value_is_checked_against_its_type_and_named_by_its_index()
    {
        var tier = await app.Store.FieldAsync(app.Unique("tier_"), CustomFieldType.Choice, "silver", "gold");
        var visits = await app.Store.FieldAsync(app.Unique("visits_"), CustomFieldType.Number);
        using var client = app.Client();
        var externalId = app.Unique("u-");

        using var refused = await client.PostJsonAsync("/api/v1/contact", $$"""
            { "externalCustomerId": "{{externalId}}", "fields": [ { "id": "{{tier.Key}}", "value": "gold" }, { "id": {{visits.Id}}, "value": "many" } ] }
            """, Ct);
        using var accepted = await client.PostJsonAsync("/api/v1/contact", $$"""
            { "externalCustomerId": "{{externalId}}", "fields": [ { "id": "{{tier.Key}}", "value": "GOLD" }, { "id": {{visits.Id}}, "value": 12 } ] }
            """, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["fields[1].value"], await refused.ErrorPathsAsync(Ct));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        await using var db = app.Database.NewContext();
        var id = (await accepted.BodyAsync(Ct))["id"]!.GetValue<long>();
        var values = await db.CustomFieldValues.Where(v => v.ContactId == id).ToDictionaryAsync(v => v.FieldId, Ct);
        Assert.Equal("gold", values[tier.Id].TextValue);
        Assert.Equal(12, values[visits.Id].NumberValue);
    }

    [Fact]
    public async Task Subscriptions_and_devices_in_the_payload_are_stored()
    {
        var category = await app.Store.CategoryAsync(app.Unique("Newsletter "));
        var token = app.Unique("fcm-");
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contact", $$"""
            { "externalCustomerId": "{{app.Unique("u-")}}", "subscriptions": [ "{{category.Key}}" ],
              "channels": [ { "type": "mobilepush", "value": "{{token}}", "device": { "os": "Android", "deviceModel": "Pixel 8", "appVersion": "4.1.7" } } ] }
            """, Ct);

        var id = (await response.BodyAsync(Ct))["id"]!.GetValue<long>();
        await using var db = app.Database.NewContext();
        var subscription = await db.ContactSubscriptions.SingleAsync(s => s.ContactId == id, Ct);
        Assert.Equal((category.Id, true, ContactSource.Api), (subscription.CategoryId, subscription.IsSubscribed, subscription.Source));
        var device = await db.ContactDevices.SingleAsync(d => d.ContactId == id, Ct);
        Assert.Equal((token, DevicePlatform.Android, "Pixel 8"), (device.PushToken, device.Platform, device.DeviceModel));
    }

    [Fact]
    public async Task An_email_changed_to_a_blacklisted_address_is_blacklisted_at_once()
    {
        var address = app.Unique("bounced") + "@example.com";
        await using (var db = app.Database.NewContext())
        {
            db.EmailEvents.Add(new EmailEvent { Address = address, Kind = EmailEventKind.HardBounce, SmtpCode = "5.1.1", OccurredAt = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync(Ct);
        }
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contact",
            $$"""{ "externalCustomerId": "{{app.Unique("u-")}}", "channels": [ { "type": "email", "value": "{{address}}" } ] }""", Ct);

        var id = (await response.BodyAsync(Ct))["id"]!.GetValue<long>();
        await using var check = app.Database.NewContext();
        Assert.Equal(EmailStatus.Blacklisted, (await check.Contacts.SingleAsync(c => c.Id == id, Ct)).EmailStatus);
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_400_saying_where()
    {
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contact", """{ "firstName": "Olena", """, Ct);
        using var wrongType = await client.PostJsonAsync("/api/v1/contact", """{ "firstName": 42 }""", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        Assert.EndsWith("malformed-json", (await response.BodyAsync(Ct))["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(["firstName"], await wrongType.ErrorPathsAsync(Ct));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415()
    {
        using var client = app.Client();

        using var response = await client.PostAsync("/api/v1/contact", new StringContent("firstName=Olena", System.Text.Encoding.UTF8, "text/plain"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Address_aliases_city_and_street_are_stored_and_an_unknown_address_key_is_named()
    {
        var externalId = app.Unique("u-");
        using var client = app.Client();

        using var aliases = await client.PostJsonAsync("/api/v1/contact",
            $$"""{ "externalCustomerId": "{{externalId}}", "address": { "country": "UA", "city": "Lviv", "street": "Rynok 1" } }""", Ct);
        using var unknown = await client.PostJsonAsync("/api/v1/contact",
            $$"""{ "externalCustomerId": "{{externalId}}", "address": { "town": "Kyiv", "zipCode": "79000" } }""", Ct);

        Assert.Equal(HttpStatusCode.Created, aliases.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["address.zipCode"], await unknown.ErrorPathsAsync(Ct));
        await using var db = app.Database.NewContext();
        var contact = await db.Contacts.SingleAsync(c => c.ExternalId == externalId, Ct);
        Assert.Equal(("Lviv", "Rynok 1"), (contact.City, contact.Street));
    }
}
