using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Categories;
using ContactsAdmin.Tests.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Categories;

/// <summary>An archived category over HTTP: the API refuses it by field, forms stop offering it, restoring brings it back.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ArchivedCategoryApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private async Task<SubscriptionCategory> ArchivedCategoryAsync()
    {
        var category = await app.Store.CategoryAsync(app.Unique("Archived "));
        await app.Factory.Services.GetRequiredService<CategoryArchive>().ArchiveAsync(category.Id, TestUsers.Admin(), Ct);
        return category;
    }

    [Fact]
    public async Task An_api_write_naming_an_archived_category_is_a_400_naming_the_field()
    {
        var archived = await ArchivedCategoryAsync();
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contact",
            $$"""{ "externalCustomerId": "{{app.Unique("ext")}}", "subscriptions": [ "{{archived.Key}}" ] }""", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["subscriptions[0]"], await response.ErrorPathsAsync(Ct));
        Assert.Contains("archived", (await response.BodyAsync(Ct))["errors"]!["subscriptions[0]"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task After_restoring_the_api_subscribes_to_it_again()
    {
        var archived = await ArchivedCategoryAsync();
        await app.Factory.Services.GetRequiredService<CategoryArchive>().RestoreAsync(archived.Id, TestUsers.Admin(), Ct);
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/contact",
            $$"""{ "externalCustomerId": "{{app.Unique("ext")}}", "subscriptions": [ "{{archived.Key}}" ] }""", Ct);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        await using var db = app.Database.NewContext();
        Assert.True(await db.ContactSubscriptions.AnyAsync(s => s.CategoryId == archived.Id && s.IsSubscribed, Ct));
    }

    [Fact]
    public async Task A_form_no_longer_offers_an_archived_category()
    {
        var archived = await ArchivedCategoryAsync();
        var kept = await app.Store.CategoryAsync(app.Unique("Kept "));
        var form = new SubscriptionForm { Key = app.Unique("footer-"), Name = "Footer", CategoryKeys = [archived.Key, kept.Key] };
        await using (var db = app.Database.NewContext())
        {
            db.SubscriptionForms.Add(form);
            await db.SaveChangesAsync(Ct);
        }
        var email = app.Unique("visitor") + "@example.com";
        using var client = app.Client("");

        using var chosen = await client.PostJsonAsync($"/forms/{form.Key}", $$"""{ "email": "{{email}}", "categories": [ "{{archived.Key}}" ] }""", Ct);
        using var all = await client.PostJsonAsync($"/forms/{form.Key}", $$"""{ "email": "{{email}}" }""", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, chosen.StatusCode);
        Assert.Equal(["categories[0]"], await chosen.ErrorPathsAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        await using var check = app.Database.NewContext();
        var contact = await check.Contacts.Include(c => c.Subscriptions).SingleAsync(c => c.EmailNormalized == email, Ct);
        Assert.Equal([kept.Id], contact.Subscriptions.Select(s => s.CategoryId));
    }
}
