using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>DELETE /api/v1/contacts/{id}: an integrator removes a contact; the key needs the contacts:delete scope.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactDeleteEndpointTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Deleting_answers_204_and_the_contact_is_gone_from_reads_and_lookups()
    {
        var email = app.Unique("deleted") + "@example.com";
        var contact = await app.Store.ContactAsync(c => (c.Email, c.EmailNormalized, c.FirstName) = (email, email, "Taras"));
        using var client = app.Client();

        using var deleted = await client.DeleteAsync($"/api/v1/contacts/{contact.Id}", Ct);
        using var read = await client.GetAsync($"/api/v1/contacts/{contact.Id}", Ct);
        using var lookup = await client.GetAsync($"/api/v1/contacts?email={Uri.EscapeDataString(email)}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        await using var db = app.Database.NewContext();
        var entry = await db.SettingsChanges.SingleAsync(c => c.Area == SettingsArea.Contact && c.Subject == $"Contact #{contact.Id}", Ct);
        Assert.Contains("test suite", entry.Actor);
    }

    [Fact]
    public async Task Deleting_a_contact_that_is_not_there_is_a_404_problem()
    {
        using var client = app.Client();

        using var response = await client.DeleteAsync("/api/v1/contacts/99999999", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        Assert.Contains("#99999999", (await response.BodyAsync(Ct))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_key_that_may_write_but_not_delete_gets_403_and_the_contact_stays()
    {
        var contact = await app.Store.ContactAsync(c => c.FirstName = "Kept");
        using var client = app.Client(await app.CreateKeyAsync(app.Unique("writer "), ApiScopes.ContactsRead, ApiScopes.ContactsWrite));

        using var response = await client.DeleteAsync($"/api/v1/contacts/{contact.Id}", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = app.Database.NewContext();
        Assert.True(await db.Contacts.AnyAsync(c => c.Id == contact.Id, Ct));
    }

    [Fact]
    public async Task A_key_with_the_delete_scope_may_delete()
    {
        var contact = await app.Store.ContactAsync(c => c.FirstName = "Removable");
        using var client = app.Client(await app.CreateKeyAsync(app.Unique("cleaner "), ApiScopes.ContactsDelete));

        using var response = await client.DeleteAsync($"/api/v1/contacts/{contact.Id}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
