using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>Multi-choice ("several of a list") and archived custom fields over the HTTP API.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class CustomFieldApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private Task<CustomFieldDefinition> InterestsAsync() =>
        app.Store.FieldAsync(app.Unique("interests_"), CustomFieldType.MultiChoice, "sport", "travel", "art", "smart home");

    private async Task<CustomFieldDefinition> ArchivedAsync(CustomFieldDefinition field)
    {
        await using var db = app.Database.NewContext();
        await db.CustomFieldDefinitions.Where(f => f.Id == field.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ArchivedAt, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)), Ct);
        return field;
    }

    [Fact]
    public async Task A_multi_choice_value_is_written_as_a_list_and_read_back_as_a_list_in_the_fields_order()
    {
        var interests = await InterestsAsync();
        using var client = app.Client();

        using var written = await client.PostJsonAsync("/api/v1/contact", $$"""
            { "externalCustomerId": "{{app.Unique("u-")}}", "fields": [ { "id": "{{interests.Key}}", "value": ["TRAVEL", "sport"] } ] }
            """, Ct);
        var id = (await written.BodyAsync(Ct))["id"]!.GetValue<long>();
        using var read = await client.GetAsync($"/api/v1/contacts/{id}", Ct);

        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        var value = (await read.BodyAsync(Ct))["fields"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == interests.Key)!["value"]!;
        Assert.Equal(["sport", "travel"], value.AsArray().Select(o => o!.GetValue<string>()));
        await using var db = app.Database.NewContext();
        // The new contact's one audit entry lists the values as the card shows them.
        var history = await db.AuditEntries.SingleAsync(a => a.ContactId == id, Ct);
        Assert.EndsWith($"; {interests.Label}: sport, travel", history.NewValue);
    }

    [Fact]
    public async Task A_bulk_write_stores_multi_choice_values_like_a_single_write()
    {
        var interests = await InterestsAsync();
        var (first, second) = (app.Unique("u-"), app.Unique("u-"));
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contacts", $$"""
            [ { "externalCustomerId": "{{first}}", "fields": [ { "id": "{{interests.Key}}", "value": ["smart home", "art"] } ] },
              { "externalCustomerId": "{{second}}", "fields": [ { "id": {{interests.Id}}, "value": ["travel"] } ] } ]
            """, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.Database.NewContext();
        var stored = await db.CustomFieldValues.Where(v => v.FieldId == interests.Id)
            .Select(v => new { v.Contact!.ExternalId, v.TextValue }).ToDictionaryAsync(v => v.ExternalId!, v => v.TextValue, Ct);
        Assert.Equal("\nart\nsmart home\n", stored[first]);
        Assert.Equal("\ntravel\n", stored[second]);
    }

    [Fact]
    public async Task An_empty_list_clears_a_multi_choice_value()
    {
        var interests = await InterestsAsync();
        var externalId = app.Unique("u-");
        using var client = app.Client();
        using var first = await client.PostJsonAsync("/api/v1/contact", $$"""
            { "externalCustomerId": "{{externalId}}", "fields": [ { "id": "{{interests.Key}}", "value": ["art"] } ] }
            """, Ct);

        using var cleared = await client.PostJsonAsync("/api/v1/contact", $$"""
            { "externalCustomerId": "{{externalId}}", "fields": [ { "id": "{{interests.Key}}", "value": [] } ] }
            """, Ct);

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        await using var db = app.Database.NewContext();
        Assert.False(await db.CustomFieldValues.AnyAsync(v => v.FieldId == interests.Id, Ct));
    }

    [Theory]
    [InlineData("""["sport", "golf"]""", "fields[0].value")]
    [InlineData("""["sport", "Sport"]""", "fields[0].value")]
    [InlineData("\"sport\"", "fields[0].value")]
    [InlineData("""["sport", 3]""", "fields[0].value[1]")]
    [InlineData("""["sport\ntravel"]""", "fields[0].value[0]")]
    public async Task A_multi_choice_value_that_is_not_a_list_of_its_options_is_refused_at_its_path(string value, string path)
    {
        var interests = await InterestsAsync();
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contact", $$"""
            { "externalCustomerId": "{{app.Unique("u-")}}", "fields": [ { "id": "{{interests.Key}}", "value": {{value}} } ] }
            """, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        Assert.Equal([path], await response.ErrorPathsAsync(Ct));
        await using var db = app.Database.NewContext();
        Assert.False(await db.CustomFieldValues.AnyAsync(v => v.FieldId == interests.Id, Ct));
    }

    [Fact]
    public async Task Writing_an_archived_field_is_refused_naming_the_field_as_archived()
    {
        var tier = await ArchivedAsync(await app.Store.FieldAsync(app.Unique("tier_"), CustomFieldType.Text));
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contact", $$"""
            { "externalCustomerId": "{{app.Unique("u-")}}", "fields": [ { "id": "{{tier.Key}}", "value": "gold" } ] }
            """, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.BodyAsync(Ct))["errors"]!;
        Assert.Equal([$"The field '{tier.Key}' is archived."], errors["fields[0].id"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    [Fact]
    public async Task Writing_an_archived_field_in_a_bulk_refuses_that_contact_only()
    {
        var tier = await ArchivedAsync(await app.Store.FieldAsync(app.Unique("tier_"), CustomFieldType.Text));
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contacts", $$"""
            [ { "externalCustomerId": "{{app.Unique("u-")}}", "fields": [ { "id": {{tier.Id}}, "value": "gold" } ] },
              { "externalCustomerId": "{{app.Unique("u-")}}", "firstName": "Olena" } ]
            """, Ct);

        var results = (await response.BodyAsync(Ct))["results"]!.AsArray();
        Assert.Equal([400, 201], results.Select(r => r!["status"]!.GetValue<int>()));
        Assert.Equal(["fields[0].id"], results[0]!["errors"]!.AsObject().Select(e => e.Key));
        await using var db = app.Database.NewContext();
        Assert.False(await db.CustomFieldValues.AnyAsync(v => v.FieldId == tier.Id, Ct));
    }

    [Fact]
    public async Task A_field_archived_after_a_write_is_left_out_of_the_contact_and_refused_at_once()
    {
        var tier = await app.Store.FieldAsync(app.Unique("tier_"), CustomFieldType.Text);
        var town = await app.Store.FieldAsync(app.Unique("town_"), CustomFieldType.Text);
        var contact = await app.Store.ContactAsync(c => c.ExternalId = app.Unique("u-"));
        await app.Store.ValueAsync(contact, tier, "gold");
        await app.Store.ValueAsync(contact, town, "Lviv");
        using var client = app.Client();
        using var before = await client.GetAsync($"/api/v1/contacts/{contact.Id}", Ct);

        await ArchivedAsync(tier);
        using var after = await client.GetAsync($"/api/v1/contacts/{contact.Id}", Ct);
        using var write = await client.PostJsonAsync("/api/v1/contact", $$"""
            { "externalCustomerId": "{{contact.ExternalId}}", "fields": [ { "id": "{{tier.Key}}", "value": "silver" } ] }
            """, Ct);

        static async Task<List<string>> Keys(HttpResponseMessage r) =>
            [.. (await r.BodyAsync(Ct))["fields"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Order()];
        Assert.Equal(new[] { tier.Key, town.Key }.Order(), await Keys(before));
        Assert.Equal([town.Key], await Keys(after));
        Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);
        await using var db = app.Database.NewContext();
        Assert.Equal("gold", (await db.CustomFieldValues.SingleAsync(v => v.FieldId == tier.Id, Ct)).TextValue);
    }
}
