using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>
/// The paths nobody vouches for (the public form, a device registered with no signed-in user) may create a contact,
/// add subscriptions and devices and fill empty fields, but never replace an identifier or a filled field, and
/// answer the same whether or not the person is known.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class AnonymousWriteTests(ApiApp app) : IClassFixture<ApiApp>
{
    private async Task<(SubscriptionForm Form, SubscriptionCategory Newsletter)> FormAsync()
    {
        var newsletter = await app.Store.CategoryAsync(app.Unique("Newsletter "));
        var form = new SubscriptionForm { Key = app.Unique("signup-"), Name = "Sign-up", CategoryKeys = [newsletter.Key] };
        await using var db = app.Database.NewContext();
        db.SubscriptionForms.Add(form);
        await db.SaveChangesAsync(Ct);
        return (form, newsletter);
    }

    private string Email(string name) => $"{app.Unique(name)}@example.com";
    private static string Phone() => $"+38050{Random.Shared.Next(1_000_000, 9_999_999)}";

    private async Task<Contact> ReadAsync(long id)
    {
        await using var db = app.Database.NewContext();
        return await db.Contacts.AsNoTracking().Include(c => c.Subscriptions).Include(c => c.Devices).SingleAsync(c => c.Id == id, Ct);
    }

    private async Task<HttpResponseMessage> SubmitAsync(SubscriptionForm form, string json)
    {
        using var client = app.Client("");
        return await client.PostJsonAsync($"/forms/{form.Key}", json, Ct);
    }

    /// <summary>Records a delivery result for the address through the API, as the sending side does.</summary>
    private async Task ReportAsync(string email, string status, string extra = "")
    {
        using var client = app.Client();
        using var response = await client.PostJsonAsync("/api/v1/messages/status",
            $$"""{ "channel": "email", "messageName": "Spring sale", "status": "{{status}}", "occurredAt": "2026-03-03T10:15:00Z", "email": "{{email}}" {{extra}} }""", Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_new_email_with_a_known_contacts_phone_leaves_that_contact_alone()
    {
        var (form, _) = await FormAsync();
        var trapAddress = Email("trap");
        var phone = Phone();
        var victim = await app.Store.ContactAsync(c => { c.Email = trapAddress; c.Phone = phone; });
        await ReportAsync(trapAddress, "Undelivered", """, "bounceType": "hard", "smtpCode": "5.1.1" """);
        var newAddress = Email("new");

        using var response = await SubmitAsync(form, $$"""{ "email": "{{newAddress}}", "phone": "{{phone}}" }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await ReadAsync(victim.Id);
        Assert.Equal((trapAddress, EmailStatus.Blacklisted, phone), (after.Email, after.EmailStatus, after.Phone));
        Assert.Empty(after.Subscriptions);
        await using var db = app.Database.NewContext();
        var created = await db.Contacts.AsNoTracking().SingleAsync(c => c.EmailNormalized == newAddress, Ct);
        Assert.Equal((ContactSource.SubscriptionForm, null, EmailStatus.Active), (created.Source, created.Phone, created.EmailStatus));
    }

    [Fact]
    public async Task An_unsubscribed_or_blacklisted_address_stays_so_and_gets_no_subscription()
    {
        var (form, _) = await FormAsync();
        var unsubscribed = await app.Store.ContactAsync(c => c.Email = Email("gone"));
        var blacklisted = await app.Store.ContactAsync(c => c.Email = Email("bounced"));
        await ReportAsync(unsubscribed.Email!, "Unsubscribed");
        await ReportAsync(blacklisted.Email!, "Undelivered", """, "bounceType": "hard", "smtpCode": "5.1.1" """);

        foreach (var contact in new[] { unsubscribed, blacklisted })
        {
            using var response = await SubmitAsync(form, $$"""{ "email": "{{contact.Email}}" }""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var (afterUnsubscribed, afterBlacklisted) = (await ReadAsync(unsubscribed.Id), await ReadAsync(blacklisted.Id));
        Assert.Equal((EmailStatus.Unsubscribed, 0), (afterUnsubscribed.EmailStatus, afterUnsubscribed.Subscriptions.Count));
        Assert.Equal((EmailStatus.Blacklisted, 0), (afterBlacklisted.EmailStatus, afterBlacklisted.Subscriptions.Count));
        await using var db = app.Database.NewContext();
        var note = await db.AuditEntries.Where(a => a.ContactId == unsubscribed.Id && a.Field == "Subscription request").SingleAsync(Ct);
        Assert.Equal("Not applied: the address is unsubscribed", note.NewValue);
    }

    [Fact]
    public async Task A_known_email_fills_empty_fields_but_never_replaces_a_name_or_phone()
    {
        var (form, newsletter) = await FormAsync();
        var phone = Phone();
        var known = await app.Store.ContactAsync(c => { c.Email = Email("known"); c.FirstName = "Olena"; c.Phone = phone; });

        using var response = await SubmitAsync(form, $$"""{ "email": "{{known.Email}}", "firstName": "Mallory", "lastName": "Koval", "phone": "{{Phone()}}" }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await ReadAsync(known.Id);
        Assert.Equal(("Olena", "Koval", phone), (after.FirstName, after.LastName, after.Phone));
        Assert.Equal(newsletter.Id, Assert.Single(after.Subscriptions).CategoryId);
    }

    [Fact]
    public async Task The_answer_is_the_same_whether_the_person_is_known_unknown_or_the_identifiers_belong_to_two_people()
    {
        var (form, _) = await FormAsync();
        var first = await app.Store.ContactAsync(c => c.Email = Email("first"));
        var otherPhone = Phone();
        var second = await app.Store.ContactAsync(c => { c.Email = Email("second"); c.Phone = otherPhone; });

        using var known = await SubmitAsync(form, $$"""{ "email": "{{first.Email}}" }""");
        using var unknown = await SubmitAsync(form, $$"""{ "email": "{{Email("stranger")}}" }""");
        using var twoPeople = await SubmitAsync(form, $$"""{ "email": "{{first.Email}}", "phone": "{{otherPhone}}" }""");

        var bodies = new List<string>();
        foreach (var response in new[] { known, unknown, twoPeople })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync(Ct));
        }
        Assert.Single(bodies.Distinct());
        Assert.Null((await ReadAsync(first.Id)).Phone);
        Assert.Equal(otherPhone, (await ReadAsync(second.Id)).Phone);
    }

    [Fact]
    public async Task A_device_with_no_signed_in_user_cannot_take_a_known_contacts_email_or_replace_a_time_zone()
    {
        var known = await app.Store.ContactAsync(c => { c.Email = Email("owner"); c.TimeZone = "Europe/Kyiv"; });
        var deviceId = app.Unique("install-");
        using var client = app.Client();

        using var first = await client.PostJsonAsync("/api/v1/devices",
            $$"""{ "deviceId": "{{deviceId}}", "osType": "ANDROID", "email": "{{known.Email}}", "timeZone": "Europe/Warsaw" }""", Ct);
        var deviceContactId = (await first.BodyAsync(Ct))["id"]!.GetValue<long>();
        using var second = await client.PostJsonAsync("/api/v1/devices",
            $$"""{ "deviceId": "{{deviceId}}", "osType": "ANDROID", "timeZone": "America/New_York" }""", Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(known.Id, deviceContactId);
        var owner = await ReadAsync(known.Id);
        Assert.Equal(("Europe/Kyiv", 0), (owner.TimeZone, owner.Devices.Count));
        var anonymous = await ReadAsync(deviceContactId);
        Assert.Equal((null, "Europe/Warsaw"), (anonymous.Email, anonymous.TimeZone));
    }

    [Fact]
    public async Task An_event_that_merges_a_device_contact_fills_identifiers_but_does_not_replace_the_email()
    {
        var externalId = app.Unique("u-");
        var owner = await app.Store.ContactAsync(c => { c.ExternalId = externalId; c.Email = Email("owner"); });
        var deviceId = app.Unique("install-");
        await app.Store.ContactAsync(c => { c.Source = ContactSource.MobileApp; c.Devices.Add(new ContactDevice { DeviceId = deviceId, Platform = DevicePlatform.iOS }); });
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/event", $$"""
            { "eventTypeKey": "AppOpened", "params": [ { "name": "externalCustomerId", "value": "{{externalId}}" },
              { "name": "deviceId", "value": "{{deviceId}}" }, { "name": "email", "value": "{{Email("other")}}" } ] }
            """, Ct);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        var after = await ReadAsync(owner.Id);
        Assert.Equal(owner.Email, after.Email);
        Assert.Equal(deviceId, Assert.Single(after.Devices).DeviceId);
    }
}
