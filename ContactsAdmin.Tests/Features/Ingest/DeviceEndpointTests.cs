using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>POST /api/v1/devices: anonymous device contacts, and their merge into the identified contact.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class DeviceEndpointTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static readonly DateTime Earlier = new(2026, 2, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_new_device_gets_an_anonymous_contact_and_registering_it_again_updates_that_contact()
    {
        var deviceId = app.Unique("install-");
        using var client = app.Client();

        using var first = await client.PostJsonAsync("/api/v1/devices",
            $$"""{ "deviceId": "{{deviceId}}", "pushToken": "{{app.Unique("tok-")}}", "osType": "IOS", "osVersion": "17.4", "appVersion": "4.1.7" }""", Ct);
        using var second = await client.PostJsonAsync("/api/v1/devices",
            $$"""{ "deviceId": "{{deviceId}}", "osType": "IOS", "appVersion": "4.2.0" }""", Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var id = (await first.BodyAsync(Ct))["id"]!.GetValue<long>();
        Assert.Equal(id, (await second.BodyAsync(Ct))["id"]!.GetValue<long>());
        await using var db = app.Database.NewContext();
        var contact = await db.Contacts.Include(c => c.Devices).SingleAsync(c => c.Id == id, Ct);
        Assert.Equal((ContactSource.MobileApp, null, null, null), (contact.Source, contact.ExternalId, contact.Email, contact.Phone));
        var device = Assert.Single(contact.Devices);
        Assert.Equal((DevicePlatform.iOS, "iOS 17.4", "4.2.0"), (device.Platform, device.Os, device.AppVersion));
    }

    [Fact]
    public async Task A_device_arriving_with_an_unknown_external_id_identifies_its_anonymous_contact()
    {
        var deviceId = app.Unique("install-");
        var externalId = app.Unique("u-");
        using var client = app.Client();
        using var anonymous = await client.PostJsonAsync("/api/v1/devices", $$"""{ "deviceId": "{{deviceId}}", "osType": "ANDROID" }""", Ct);
        var id = (await anonymous.BodyAsync(Ct))["id"]!.GetValue<long>();

        using var signedIn = await client.PostJsonAsync("/api/v1/devices",
            $$"""{ "deviceId": "{{deviceId}}", "osType": "ANDROID", "externalUserId": "{{externalId}}" }""", Ct);

        Assert.Equal(id, (await signedIn.BodyAsync(Ct))["id"]!.GetValue<long>());
        await using var db = app.Database.NewContext();
        Assert.Equal(id, (await db.Contacts.SingleAsync(c => c.ExternalId == externalId, Ct)).Id);
    }

    [Fact]
    public async Task Merging_an_anonymous_device_contact_into_the_identified_one_keeps_every_device_activity_and_subscription()
    {
        var (newsletter, promotions, updates) = (await app.Store.CategoryAsync(app.Unique("Newsletter ")),
            await app.Store.CategoryAsync(app.Unique("Promotions ")), await app.Store.CategoryAsync(app.Unique("Updates ")));
        var phoneId = app.Unique("phone-install-");
        var anonymous = await app.Store.ContactAsync(c =>
        {
            c.Source = ContactSource.MobileApp;
            c.Devices.Add(new ContactDevice { DeviceId = phoneId, PushToken = app.Unique("tok-"), Platform = DevicePlatform.Android, FirstSeenAt = Earlier });
            c.Devices.Add(new ContactDevice { DeviceId = app.Unique("tablet-install-"), Platform = DevicePlatform.Android, FirstSeenAt = Earlier });
        });
        var identified = await app.Store.ContactAsync(c =>
        {
            c.ExternalId = app.Unique("u-");
            c.Email = app.Unique("olena") + "@example.com";
            c.Devices.Add(new ContactDevice { DeviceId = app.Unique("laptop-"), Platform = DevicePlatform.Web, FirstSeenAt = Earlier });
        });
        await using (var db = app.Database.NewContext())
        {
            db.Activities.AddRange(
                new Activity { ContactId = anonymous.Id, OccurredAt = Earlier, Channel = ActivityChannel.App, Name = "AppOpened" },
                new Activity { ContactId = anonymous.Id, OccurredAt = Earlier.AddHours(1), Channel = ActivityChannel.App, Name = "AddToCart" },
                new Activity { ContactId = anonymous.Id, OccurredAt = Earlier.AddHours(2), Channel = ActivityChannel.MobilePush, Name = "Welcome", Status = MessageStatus.Read },
                new Activity { ContactId = identified.Id, OccurredAt = Earlier, Channel = ActivityChannel.Website, Name = "PageViewed" });
            await db.SaveChangesAsync(Ct);
        }
        await app.Store.SubscribeAsync(anonymous, newsletter);
        await app.Store.SubscribeAsync(anonymous, promotions);
        await app.Store.SubscribeAsync(identified, updates);
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/devices",
            $$"""{ "deviceId": "{{phoneId}}", "osType": "ANDROID", "externalUserId": "{{identified.ExternalId}}" }""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.BodyAsync(Ct);
        Assert.Equal(identified.Id, body["id"]!.GetValue<long>());
        Assert.Equal([anonymous.Id], body["merged"]!.AsArray().Select(m => m!.GetValue<long>()));
        await using var check = app.Database.NewContext();
        Assert.False(await check.Contacts.AnyAsync(c => c.Id == anonymous.Id, Ct));
        Assert.Equal(3, await check.ContactDevices.CountAsync(d => d.ContactId == identified.Id, Ct));
        Assert.Equal(4, await check.Activities.CountAsync(a => a.ContactId == identified.Id, Ct));
        var subscribed = await check.ContactSubscriptions.Where(s => s.ContactId == identified.Id && s.IsSubscribed).Select(s => s.CategoryId).ToListAsync(Ct);
        Assert.Equal(new[] { newsletter.Id, promotions.Id, updates.Id }.Order(), subscribed.Order());
        var audit = await check.AuditEntries.SingleAsync(a => a.ContactId == identified.Id && a.Field == "Merged contact", Ct);
        Assert.Equal($"Anonymous contact #{anonymous.Id}", audit.OldValue);
        Assert.Contains("2 device(s), 3 activity(ies), 2 subscription(s)", audit.NewValue);
        Assert.Equal(ChangeSource.ApiKey, audit.Source);
    }

    [Fact]
    public async Task A_device_of_one_identified_contact_sent_with_another_contacts_external_id_is_a_conflict()
    {
        var deviceId = app.Unique("install-");
        var owner = await app.Store.ContactAsync(c => { c.ExternalId = app.Unique("u-"); c.Devices.Add(new ContactDevice { DeviceId = deviceId, Platform = DevicePlatform.iOS }); });
        var other = await app.Store.ContactAsync(c => c.ExternalId = app.Unique("u-"));
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/devices",
            $$"""{ "deviceId": "{{deviceId}}", "osType": "IOS", "externalUserId": "{{other.ExternalId}}" }""", Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var named = (await response.BodyAsync(Ct))["contacts"]!.AsArray().Select(c => c!["id"]!.GetValue<long>());
        Assert.Equal([other.Id, owner.Id], named);
        await using var db = app.Database.NewContext();
        Assert.Equal(owner.Id, (await db.ContactDevices.SingleAsync(d => d.DeviceId == deviceId, Ct)).ContactId);
    }

    [Theory]
    [InlineData("""{ "osType": "IOS" }""", "deviceId")]
    [InlineData("""{ "deviceId": "d-x1" }""", "osType")]
    [InlineData("""{ "deviceId": "d-x2", "osType": "IOS", "email": "nope" }""", "email")]
    [InlineData("""{ "deviceId": "d-x3", "osType": "IOS", "timeZone": "Nowhere/City" }""", "timeZone")]
    [InlineData("""{ "deviceId": "d-x4", "category": "SMOKE_SIGNAL" }""", "category")]
    public async Task Each_invalid_field_of_a_device_is_named(string payload, string path)
    {
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/devices", payload, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([path], await response.ErrorPathsAsync(Ct));
    }
}
