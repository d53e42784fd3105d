using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>POST /forms/{formKey}: the public subscription form, with no API key.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class FormEndpointTests(ApiApp app) : IClassFixture<ApiApp>
{
    private async Task<(SubscriptionForm Form, SubscriptionCategory Newsletter, SubscriptionCategory Offers)> FormAsync()
    {
        var newsletter = await app.Store.CategoryAsync(app.Unique("Newsletter "));
        var offers = await app.Store.CategoryAsync(app.Unique("Offers "));
        var form = new SubscriptionForm { Key = app.Unique("footer-"), Name = "Footer", CategoryKeys = [newsletter.Key, offers.Key] };
        await using var db = app.Database.NewContext();
        db.SubscriptionForms.Add(form);
        await db.SaveChangesAsync(Ct);
        return (form, newsletter, offers);
    }

    [Fact]
    public async Task A_visitor_is_created_with_source_subscription_form_and_subscribed_to_the_chosen_categories()
    {
        var (form, newsletter, _) = await FormAsync();
        var email = app.Unique("visitor") + "@example.com";
        using var client = app.Client("");

        using var response = await client.PostJsonAsync($"/forms/{form.Key}",
            $$"""{ "email": "{{email}}", "firstName": "Olena", "categories": [ "{{newsletter.Key}}" ] }""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.Database.NewContext();
        var contact = await db.Contacts.Include(c => c.Subscriptions).SingleAsync(c => c.EmailNormalized == email, Ct);
        Assert.Equal((ContactSource.SubscriptionForm, "Olena", "Subscription form 'Footer'"), (contact.Source, contact.FirstName, contact.LastEditBy));
        var subscription = Assert.Single(contact.Subscriptions);
        Assert.Equal((newsletter.Id, true, ContactSource.SubscriptionForm), (subscription.CategoryId, subscription.IsSubscribed, subscription.Source));
    }

    [Fact]
    public async Task An_html_form_post_subscribes_an_existing_contact_to_every_category_of_the_form()
    {
        var (form, newsletter, offers) = await FormAsync();
        var existing = await app.Store.ContactAsync(c => { c.Email = app.Unique("known") + "@example.com"; c.Source = ContactSource.Import; });
        using var client = app.Client("");

        using var response = await client.PostAsync($"/forms/{form.Key}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = existing.Email!, ["website"] = "" }), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.Database.NewContext();
        var contact = await db.Contacts.Include(c => c.Subscriptions).SingleAsync(c => c.Id == existing.Id, Ct);
        Assert.Equal(ContactSource.Import, contact.Source);
        Assert.Equal(new[] { newsletter.Id, offers.Id }.Order(), contact.Subscriptions.Select(s => s.CategoryId).Order());
    }

    [Fact]
    public async Task A_filled_in_honeypot_is_thanked_and_nothing_is_written()
    {
        var (form, _, _) = await FormAsync();
        var email = app.Unique("bot") + "@example.com";
        using var client = app.Client("");

        using var response = await client.PostJsonAsync($"/forms/{form.Key}", $$"""{ "email": "{{email}}", "website": "http://spam.example" }""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.Database.NewContext();
        Assert.False(await db.Contacts.AnyAsync(c => c.EmailNormalized == email, Ct));
    }

    [Fact]
    public async Task An_unknown_form_is_404_and_an_invalid_field_is_named()
    {
        var (form, _, _) = await FormAsync();
        using var client = app.Client("");

        using var unknown = await client.PostJsonAsync("/forms/no-such-form", """{ "email": "a@example.com" }""", Ct);
        using var invalid = await client.PostJsonAsync($"/forms/{form.Key}", """{ "email": "a@example.com", "firstName": "<script>" }""", Ct);
        using var notOffered = await client.PostJsonAsync($"/forms/{form.Key}", """{ "email": "a@example.com", "categories": [ "vip" ] }""", Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(["firstName"], await invalid.ErrorPathsAsync(Ct));
        Assert.Equal(["categories[0]"], await notOffered.ErrorPathsAsync(Ct));
    }
}
