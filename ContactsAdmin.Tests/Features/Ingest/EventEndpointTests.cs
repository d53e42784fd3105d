using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>POST /api/v1/event.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class EventEndpointTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task The_same_key_value_twice_stores_one_activity()
    {
        var contact = await app.Store.ContactAsync(c => c.ExternalId = app.Unique("u-"));
        var keyValue = app.Unique("cart-");
        using var client = app.Client();
        var payload = $$"""
            { "eventTypeKey": "AddToCart", "keyValue": "{{keyValue}}", "occurredAt": "2026-03-03T12:15:00+02:00",
              "params": [ { "name": "externalCustomerId", "value": "{{contact.ExternalId}}" }, { "name": "price", "value": 19.99 } ] }
            """;

        using var first = await client.PostJsonAsync("/api/v1/event", payload, Ct);
        using var second = await client.PostJsonAsync("/api/v1/event", payload, Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True((await second.BodyAsync(Ct))["duplicate"]!.GetValue<bool>());
        await using var db = app.Database.NewContext();
        var activity = await db.Activities.SingleAsync(a => a.ContactId == contact.Id, Ct);
        Assert.Equal(("AddToCart", ActivityChannel.Website, keyValue), (activity.Name, activity.Channel, activity.EventKey));
        Assert.Equal(new DateTime(2026, 3, 3, 10, 15, 0), activity.OccurredAt);
        Assert.Contains("19.99", activity.Details);
    }

    [Fact]
    public async Task An_unknown_contact_is_created_with_source_event_and_an_order_creates_it_with_source_order()
    {
        var email = app.Unique("new") + "@example.com";
        var buyer = app.Unique("buyer-");
        using var client = app.Client();

        using var view = await client.PostJsonAsync("/api/v1/event",
            $$"""{ "eventTypeKey": "PageViewed", "params": [ { "name": "email", "value": "{{email}}" } ] }""", Ct);
        using var order = await client.PostJsonAsync("/api/v1/event",
            $$"""{ "eventTypeKey": "OrderPlaced", "params": [ { "name": "externalCustomerId", "value": "{{buyer}}" } ] }""", Ct);

        Assert.True((await view.BodyAsync(Ct))["contactCreated"]!.GetValue<bool>());
        await using var db = app.Database.NewContext();
        Assert.Equal(ContactSource.Event, (await db.Contacts.SingleAsync(c => c.EmailNormalized == email, Ct)).Source);
        Assert.Equal(ContactSource.Order, (await db.Contacts.SingleAsync(c => c.ExternalId == buyer, Ct)).Source);
    }

    [Fact]
    public async Task An_event_names_the_contact_by_phone_or_a_registered_device()
    {
        var byPhone = await app.Store.ContactAsync(c => c.Phone = "+380931234567");
        var deviceId = app.Unique("device-");
        var byDevice = await app.Store.ContactAsync(c => c.Devices.Add(new ContactDevice { DeviceId = deviceId, Platform = DevicePlatform.iOS }));
        using var client = app.Client();

        using var phone = await client.PostJsonAsync("/api/v1/event",
            """{ "eventTypeKey": "PageViewed", "params": [ { "name": "phone", "value": "093 123 45 67" } ] }""", Ct);
        using var device = await client.PostJsonAsync("/api/v1/event",
            $$"""{ "eventTypeKey": "AppOpened", "params": [ { "name": "deviceId", "value": "{{deviceId}}" } ] }""", Ct);

        Assert.Equal(byPhone.Id, (await phone.BodyAsync(Ct))["contactId"]!.GetValue<long>());
        Assert.Equal(byDevice.Id, (await device.BodyAsync(Ct))["contactId"]!.GetValue<long>());
        await using var db = app.Database.NewContext();
        Assert.Equal(ActivityChannel.App, (await db.Activities.SingleAsync(a => a.ContactId == byDevice.Id, Ct)).Channel);
    }

    [Fact]
    public async Task An_unregistered_device_alone_is_refused_and_creates_nothing()
    {
        using var client = app.Client();
        await using var before = app.Database.NewContext();
        var contacts = await before.Contacts.CountAsync(Ct);

        using var response = await client.PostJsonAsync("/api/v1/event",
            """{ "eventTypeKey": "AppOpened", "params": [ { "name": "deviceId", "value": "never-registered" } ] }""", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        await using var after = app.Database.NewContext();
        Assert.Equal(contacts, await after.Contacts.CountAsync(Ct));
    }

    [Theory]
    [InlineData("""{ "eventTypeKey": "Add,ToCart", "params": [ { "name": "email", "value": "a@example.com" } ] }""", "eventTypeKey")]
    [InlineData("""{ "eventTypeKey": "", "params": [ { "name": "email", "value": "a@example.com" } ] }""", "eventTypeKey")]
    [InlineData("""{ "eventTypeKey": "AddToCart", "params": [ { "name": "price", "value": 3 } ] }""", "params")]
    [InlineData("""{ "eventTypeKey": "AddToCart", "params": [ { "name": "price", "value": 3 }, { "name": "email", "value": "nope" } ] }""", "params[1].value")]
    [InlineData("""{ "eventTypeKey": "AddToCart", "params": [ { "name": "email", "value": "a@example.com" }, { "name": "", "value": 1 } ] }""", "params[1].name")]
    [InlineData("""{ "eventTypeKey": "AddToCart", "occurredAt": "yesterday", "params": [ { "name": "email", "value": "a@example.com" } ] }""", "occurredAt")]
    [InlineData("""{ "eventTypeKey": "AddToCart", "channel": "Telepathy", "params": [ { "name": "email", "value": "a@example.com" } ] }""", "channel")]
    public async Task Each_invalid_field_of_an_event_is_named(string payload, string path)
    {
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/event", payload, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([path], await response.ErrorPathsAsync(Ct));
    }
}
