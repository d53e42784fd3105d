using System.Net;
using System.Text;
using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>
/// POST /api/v1/contacts/erase and GET /api/v1/contacts/{id}/data on the real app, and an erased person's suppression
/// coming back through the form, the API and an import.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ErasureEndpointTests(ApiApp app) : IClassFixture<ApiApp>
{
    /// <summary>A contact whose address unsubscribed (by the link in a message), with a phone.</summary>
    private async Task<(Contact Contact, string Email, string Phone)> UnsubscribedAsync(string name)
    {
        var email = app.Unique(name) + "@example.com";
        var phone = $"+38067{Random.Shared.Next(1_000_000, 9_999_999)}";
        var since = new DateTime(2026, 2, 2, 8, 0, 0, DateTimeKind.Utc);
        var contact = await app.Store.ContactAsync(c =>
        {
            (c.Email, c.EmailNormalized, c.Phone, c.FirstName) = (email, email, phone, "Marta");
            (c.EmailStatus, c.EmailStatusSince) = (EmailStatus.Unsubscribed, since);
        });
        await using var db = app.Database.NewContext();
        db.EmailEvents.Add(new EmailEvent
        {
            Address = email, ContactId = contact.Id, Kind = EmailEventKind.Unsubscribed, OccurredAt = since,
            UnsubscribeReason = UnsubscribeReason.UnsubscribeLink, MessageName = "Spring sale",
        });
        await db.SaveChangesAsync(Ct);
        return (contact, email, phone);
    }

    private async Task<Contact> ContactByEmailAsync(string email)
    {
        await using var db = app.Database.NewContext();
        return await db.Contacts.SingleAsync(c => c.EmailNormalized == email, Ct);
    }

    [Fact]
    public async Task Erasing_by_email_answers_what_was_kept_and_the_contact_is_gone()
    {
        var (contact, email, _) = await UnsubscribedAsync("erase-by-email");
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contacts/erase", $$"""{ "email": "{{email.ToUpperInvariant()}}" }""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.BodyAsync(Ct);
        Assert.Equal((contact.Id, "Unsubscribed", 2), (body["id"]!.GetValue<long>(), body["suppressedStatus"]!.GetValue<string>(), body["suppressedIdentifiers"]!.GetValue<int>()));
        await using var db = app.Database.NewContext();
        Assert.False(await db.Contacts.AnyAsync(c => c.Id == contact.Id, Ct));
        Assert.False(await db.EmailEvents.AnyAsync(e => e.Address == email, Ct));
    }

    [Fact]
    public async Task Erasing_by_phone_external_id_or_id_finds_the_contact_too()
    {
        var (byPhone, _, phone) = await UnsubscribedAsync("erase-by-phone");
        var byExternalId = await app.Store.ContactAsync(c => c.ExternalId = app.Unique("erase-ext-"));
        var byId = await app.Store.ContactAsync(c => c.FirstName = "Erased by id");
        using var client = app.Client();

        foreach (var (body, id) in new[] { ($$"""{ "phone": "{{phone}}" }""", byPhone.Id), ($$"""{ "externalId": "{{byExternalId.ExternalId}}" }""", byExternalId.Id), ($$"""{ "id": {{byId.Id}} }""", byId.Id) })
        {
            using var response = await client.PostJsonAsync("/api/v1/contacts/erase", body, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(id, (await response.BodyAsync(Ct))["id"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task Nobody_matching_is_a_404_problem()
    {
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contacts/erase", """{ "email": "nobody-at-all@example.com" }""", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
    }

    [Theory]
    [InlineData("""{ "email": "not-an-address" }""", "email")]
    [InlineData("""{ "phone": "1-800-FLOWERS" }""", "phone")]
    [InlineData("""{ }""", "email")]
    [InlineData("""{ "email": "a@example.com", "phone": "+380501234567" }""", "phone")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string body, string field)
    {
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contacts/erase", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        Assert.NotNull((await response.BodyAsync(Ct))["errors"]![field]);
    }

    [Fact]
    public async Task A_key_without_the_erase_scope_gets_403_and_the_contact_stays()
    {
        var (contact, email, _) = await UnsubscribedAsync("erase-refused");
        using var client = app.Client(await app.CreateKeyAsync(app.Unique("deleter "), ApiScopes.ContactsRead, ApiScopes.ContactsWrite, ApiScopes.ContactsDelete));

        using var response = await client.PostJsonAsync("/api/v1/contacts/erase", $$"""{ "email": "{{email}}" }""", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = app.Database.NewContext();
        Assert.True(await db.Contacts.AnyAsync(c => c.Id == contact.Id, Ct));
    }

    [Fact]
    public async Task An_erased_address_sent_again_through_the_form_arrives_unsubscribed_and_the_form_subscribes_nothing()
    {
        var (contact, email, _) = await UnsubscribedAsync("erase-form");
        var news = await app.Store.CategoryAsync(app.Unique("News "));
        var form = new SubscriptionForm { Key = app.Unique("erase-form-"), Name = "Footer", CategoryKeys = [news.Key] };
        await using (var db = app.Database.NewContext())
        {
            db.SubscriptionForms.Add(form);
            await db.SaveChangesAsync(Ct);
        }
        using var client = app.Client();
        using (var erased = await client.PostJsonAsync("/api/v1/contacts/erase", $$"""{ "id": {{contact.Id}} }""", Ct)) Assert.Equal(HttpStatusCode.OK, erased.StatusCode);

        using var anonymous = app.Client("");
        using var response = await anonymous.PostJsonAsync($"/forms/{form.Key}", $$"""{ "email": "{{email}}", "categories": [ "{{news.Key}}" ] }""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var back = await ContactByEmailAsync(email);
        Assert.NotEqual(contact.Id, back.Id);
        Assert.Equal((EmailStatus.Unsubscribed, new DateTime(2026, 2, 2, 8, 0, 0)), (back.EmailStatus, back.EmailStatusSince));
        Assert.Contains(SuppressionRestore.Note, back.EmailStatusReason);
        await using var check = app.Database.NewContext();
        Assert.False(await check.ContactSubscriptions.AnyAsync(s => s.ContactId == back.Id && s.IsSubscribed, Ct));
    }

    [Fact]
    public async Task An_erased_address_sent_again_through_the_api_arrives_unsubscribed()
    {
        var (contact, email, _) = await UnsubscribedAsync("erase-api");
        using var client = app.Client();
        using (var erased = await client.PostJsonAsync("/api/v1/contacts/erase", $$"""{ "id": {{contact.Id}} }""", Ct)) Assert.Equal(HttpStatusCode.OK, erased.StatusCode);

        using var response = await client.PostJsonAsync("/api/v1/contacts", $$"""[ { "channels": [ { "type": "email", "value": "{{email}}" } ] } ]""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EmailStatus.Unsubscribed, (await ContactByEmailAsync(email)).EmailStatus);
    }

    [Fact]
    public async Task An_erased_address_and_phone_in_an_import_arrive_unsubscribed()
    {
        var (first, email, _) = await UnsubscribedAsync("erase-import");
        var (second, _, phone) = await UnsubscribedAsync("erase-import-phone");
        using var client = app.Client();
        foreach (var id in new[] { first.Id, second.Id })
        {
            using var erased = await client.PostJsonAsync("/api/v1/contacts/erase", $$"""{ "id": {{id}} }""", Ct);
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        }
        var otherAddress = app.Unique("erase-import-new") + "@example.com";

        var importer = app.Factory.Services.GetRequiredService<ContactImporter>();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes($"Email,Phone\n{email},\n{otherAddress},{phone}\n"));
        var sniff = await CsvSniffer.SniffAsync(stream, Ct);
        var lookups = await importer.LookupsAsync(Ct);
        var mapping = MappingSuggestion.Suggest(sniff.Columns, ProfileFieldTable.Standard, lookups.Fields.Values, lookups.Categories.Values);
        await importer.RunAsync(stream, "returning.csv", sniff.Format, mapping, new ImportOptions(), ct: Ct);

        Assert.Equal(EmailStatus.Unsubscribed, (await ContactByEmailAsync(email)).EmailStatus);
        Assert.Equal(EmailStatus.Unsubscribed, (await ContactByEmailAsync(otherAddress)).EmailStatus);
    }

    [Fact]
    public async Task A_persons_data_comes_as_one_json_file_with_every_section()
    {
        var (contact, email, phone) = await UnsubscribedAsync("data");
        await app.Store.ActivitiesAsync(contact, new Activity { OccurredAt = DateTime.UtcNow, Channel = ActivityChannel.Website, Name = "PageViewed", Details = """{ "url": "/shoes" }""" });
        using var client = app.Client();

        using var response = await client.GetAsync($"/api/v1/contacts/{contact.Id}/data", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"contact-{contact.Id}-data.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        foreach (var section in new[] { "profile", "identifiers", "devices", "customFields", "subscriptions", "email", "activities", "changeHistory" })
            Assert.True(root.TryGetProperty(section, out _), section);
        Assert.Equal(email, root.GetProperty("identifiers").GetProperty("email").GetString());
        Assert.Equal(phone, root.GetProperty("identifiers").GetProperty("phone").GetString());
        Assert.Equal("Unsubscribed", root.GetProperty("email").GetProperty("events")[0].GetProperty("kind").GetString());
        Assert.Equal("/shoes", root.GetProperty("activities")[0].GetProperty("details").GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_persons_data_needs_its_scope_and_an_unknown_contact_is_a_404()
    {
        var contact = await app.Store.ContactAsync(c => c.FirstName = "Private");
        using var reader = app.Client(await app.CreateKeyAsync(app.Unique("reader "), ApiScopes.ContactsRead));
        using var client = app.Client();

        using var refused = await reader.GetAsync($"/api/v1/contacts/{contact.Id}/data", Ct);
        using var missing = await client.GetAsync("/api/v1/contacts/99999999/data", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_erase_and_data_calls()
    {
        using var client = app.Client();

        var document = await client.GetStringAsync("/openapi/v1.json", Ct);

        Assert.Contains("/api/v1/contacts/erase", document);
        Assert.Contains("/api/v1/contacts/{id}/data", document);
        Assert.Contains("contacts:erase", document);
    }
}
