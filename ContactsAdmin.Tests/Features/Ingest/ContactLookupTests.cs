using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>GET /api/v1/contacts/{id} and GET /api/v1/contacts?email=|phone=|externalId=.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactLookupTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_contact_is_read_by_id_with_its_devices_fields_and_subscriptions()
    {
        var field = await app.Store.FieldAsync(app.Unique("tier_"), CustomFieldType.Text);
        var category = await app.Store.CategoryAsync(app.Unique("Promotions "));
        var contact = await app.Store.ContactAsync(c =>
        {
            c.ExternalId = app.Unique("u-");
            c.FirstName = "Olena";
            c.Email = app.Unique("olena") + "@example.com";
            c.Devices.Add(new ContactDevice { DeviceId = app.Unique("d-"), Platform = DevicePlatform.Android, PushToken = app.Unique("tok-") });
        });
        await app.Store.ValueAsync(contact, field, "gold");
        await app.Store.SubscribeAsync(contact, category);
        using var client = app.Client();

        using var response = await client.GetAsync($"/api/v1/contacts/{contact.Id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.BodyAsync(Ct);
        Assert.Equal(contact.ExternalId, body["externalCustomerId"]!.GetValue<string>());
        Assert.Equal("Active", body["emailStatus"]!["status"]!.GetValue<string>());
        Assert.Equal("Android", body["devices"]![0]!["platform"]!.GetValue<string>());
        Assert.Equal("gold", body["fields"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(category.Key, body["subscriptions"]![0]!["category"]!.GetValue<string>());
        Assert.EndsWith("Z", body["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_contact_is_found_by_email_phone_or_external_id()
    {
        var contact = await app.Store.ContactAsync(c =>
        {
            c.ExternalId = app.Unique("u-");
            c.Email = app.Unique("Taras") + "@example.com";
            c.Phone = "+380671112299";
        });
        using var client = app.Client();

        foreach (var query in new[] { $"email={Uri.EscapeDataString(contact.Email!.ToUpperInvariant())}", "phone=067%20111%2022%2099", $"externalId={contact.ExternalId}" })
        {
            using var response = await client.GetAsync($"/api/v1/contacts?{query}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contact.Id, (await response.BodyAsync(Ct))["id"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task An_unknown_contact_is_404_and_an_invalid_look_up_names_its_field()
    {
        using var client = app.Client();

        using var byId = await client.GetAsync("/api/v1/contacts/987654321", Ct);
        using var byEmail = await client.GetAsync("/api/v1/contacts?email=nobody-here@example.com", Ct);
        using var badPhone = await client.GetAsync("/api/v1/contacts?phone=12", Ct);

        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal("application/problem+json", byId.MediaType());
        Assert.Equal(HttpStatusCode.NotFound, byEmail.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Equal(["phone"], await badPhone.ErrorPathsAsync(Ct));
    }
}
