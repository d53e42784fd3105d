using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>POST /api/v1/messages/status: delivery results become activities and email events.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class MessageStatusEndpointTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_hard_bounce_blacklists_the_address_and_is_stored_as_an_undelivered_activity()
    {
        var email = app.Unique("olena") + "@example.com";
        var contact = await app.Store.ContactAsync(c => c.Email = email);
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/messages/status", $$"""
            { "channel": "email", "messageName": "Spring sale", "status": "Undelivered", "occurredAt": "2026-03-03T10:15:00Z",
              "bounceType": "hard", "smtpCode": "5.1.1", "diagnostic": "550 5.1.1 user unknown", "email": "{{email}}" }
            """, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Blacklisted", (await response.BodyAsync(Ct))["emailStatus"]!.GetValue<string>());
        await using var db = app.Database.NewContext();
        var stored = await db.Contacts.SingleAsync(c => c.Id == contact.Id, Ct);
        Assert.Equal((EmailStatus.Blacklisted, BlacklistReason.NonExistentAddress, BlacklistScope.System),
            (stored.EmailStatus, stored.BlacklistReason, stored.BlacklistScope));
        var entry = await db.BlacklistEntries.SingleAsync(b => b.Address == email, Ct);
        Assert.Null(entry.RemovedAt);
        var activity = await db.Activities.SingleAsync(a => a.ContactId == contact.Id, Ct);
        Assert.Equal((ActivityChannel.Email, "Spring sale", MessageStatus.Undelivered), (activity.Channel, activity.Name, activity.Status));
        Assert.Contains("5.1.1", activity.Details);
    }

    [Fact]
    public async Task A_delivery_result_names_the_contact_by_id_or_external_id_and_its_key_value_is_stored_once()
    {
        var contact = await app.Store.ContactAsync(c => { c.ExternalId = app.Unique("u-"); c.Email = app.Unique("t") + "@example.com"; });
        var keyValue = app.Unique("result-");
        using var client = app.Client();

        using var byId = await client.PostJsonAsync("/api/v1/messages/status",
            $$"""{ "channel": "mobilepush", "messageName": "Cart reminder", "status": "Clicked", "contactId": {{contact.Id}} }""", Ct);
        using var byExternalId = await client.PostJsonAsync("/api/v1/messages/status",
            $$"""{ "channel": "email", "messageName": "Digest", "status": "Delivered", "keyValue": "{{keyValue}}", "externalCustomerId": "{{contact.ExternalId}}" }""", Ct);
        using var again = await client.PostJsonAsync("/api/v1/messages/status",
            $$"""{ "channel": "email", "messageName": "Digest", "status": "Delivered", "keyValue": "{{keyValue}}", "externalCustomerId": "{{contact.ExternalId}}" }""", Ct);

        Assert.Equal(HttpStatusCode.Created, byId.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byExternalId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await using var db = app.Database.NewContext();
        Assert.Equal(2, await db.Activities.CountAsync(a => a.ContactId == contact.Id, Ct));
        Assert.Equal(1, await db.EmailEvents.CountAsync(e => e.Address == contact.EmailNormalized && e.Kind == EmailEventKind.Delivered, Ct));
    }

    [Fact]
    public async Task A_hard_bounce_for_an_address_no_contact_has_still_blacklists_the_address()
    {
        var email = app.Unique("nobody") + "@example.com";
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/messages/status",
            $$"""{ "channel": "email", "messageName": "Spring sale", "status": "Undelivered", "bounceType": "hard", "smtpCode": "5.1.1", "email": "{{email}}" }""", Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = app.Database.NewContext();
        Assert.True(await db.BlacklistEntries.AnyAsync(b => b.Address == email && b.RemovedAt == null, Ct));
        Assert.False(await db.Contacts.AnyAsync(c => c.EmailNormalized == email, Ct));
    }

    [Fact]
    public async Task A_result_for_an_unknown_contact_without_an_email_is_404()
    {
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/messages/status",
            """{ "channel": "sms", "messageName": "Code", "status": "Delivered", "phone": "+380991112233" }""", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{ "channel": "pigeon", "messageName": "M", "status": "Delivered", "email": "a@example.com" }""", "channel")]
    [InlineData("""{ "channel": "email", "status": "Delivered", "email": "a@example.com" }""", "messageName")]
    [InlineData("""{ "channel": "email", "messageName": "M", "status": "Lost", "email": "a@example.com" }""", "status")]
    [InlineData("""{ "channel": "email", "messageName": "M", "status": "Delivered", "bounceType": "hard", "email": "a@example.com" }""", "bounceType")]
    [InlineData("""{ "channel": "email", "messageName": "M", "status": "Undelivered", "smtpCode": "user unknown", "email": "a@example.com" }""", "smtpCode")]
    [InlineData("""{ "channel": "email", "messageName": "M", "status": "Delivered" }""", "contactId")]
    [InlineData("""{ "channel": "email", "messageName": "M", "status": "Delivered", "email": "not-an-address" }""", "email")]
    public async Task Each_invalid_field_of_a_result_is_named(string payload, string path)
    {
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/messages/status", payload, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([path], await response.ErrorPathsAsync(Ct));
    }
}
