using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>GET /api/v1/contacts without an identifier: every contact a page at a time (keyset), and incremental sync by updatedSince.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactListingTests(ApiApp app) : IClassFixture<ApiApp>
{
    /// <summary>Follows the Link header from <paramref name="first"/> to the last page; each page's ids, and the body's next values.</summary>
    private async Task<(List<List<long>> Pages, List<string?> Nexts)> PagesAsync(string first)
    {
        using var client = app.Client();
        var pages = new List<List<long>>();
        var nexts = new List<string?>();
        for (var url = first; url is not null;)
        {
            using var response = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.BodyAsync(Ct);
            pages.Add([.. body["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>())]);
            nexts.Add(body["next"]?.GetValue<string>());
            url = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split('>')[0].TrimStart('<') : null;
            Assert.Equal(nexts[^1] is null, url is null);
            Assert.True(pages.Count < 100, "The pages never end");
        }
        return (pages, nexts);
    }

    [Fact]
    public async Task Pages_cover_every_contact_exactly_once_in_id_order()
    {
        for (var i = 0; i < 23; i++) await app.Store.ContactAsync(c => c.ExternalId = app.Unique("all-"));
        await using var db = app.Database.NewContext();
        var all = await db.Contacts.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(Ct);

        var (pages, nexts) = await PagesAsync("/api/v1/contacts?limit=7");

        Assert.Equal(all, pages.SelectMany(p => p));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(7, p.Count));
        Assert.Equal([.. pages.SkipLast(1).Select(p => p[^1].ToString(CultureInfo.InvariantCulture))], nexts.SkipLast(1));
    }

    [Fact]
    public async Task A_page_carries_each_contact_as_the_look_up_does_and_the_default_limit_is_100()
    {
        for (var i = 0; i < 101; i++) await app.Store.ContactAsync();
        var contact = await app.Store.ContactAsync(c => { c.ExternalId = app.Unique("view-"); c.FirstName = "Olena"; });
        using var client = app.Client();

        using var page = await client.GetAsync("/api/v1/contacts", Ct);
        using var last = await client.GetAsync($"/api/v1/contacts?after={contact.Id - 1}", Ct);
        using var one = await client.GetAsync($"/api/v1/contacts/{contact.Id}", Ct);

        Assert.Equal(100, (await page.BodyAsync(Ct))["items"]!.AsArray().Count);
        var listed = (await last.BodyAsync(Ct))["items"]![0]!;
        Assert.Equal((await one.BodyAsync(Ct)).ToJsonString(), listed.ToJsonString());
        Assert.Null((await last.BodyAsync(Ct))["next"]);
    }

    [Fact]
    public async Task Updated_since_returns_only_contacts_changed_since_then_and_one_edited_while_paging_comes_again_at_the_end()
    {
        // A window no other test's contacts fall in: their LastEditAt is the store's default (1 Jan 2026) or now.
        var since = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var before = await app.Store.ContactAsync(c => c.LastEditAt = since.AddSeconds(-1));
        var changed = new List<Contact>();
        foreach (var offset in new[] { 0, 60, 60, 60, 120 })   // three share a time: a page ends among them
            changed.Add(await app.Store.ContactAsync(c => { c.ExternalId = app.Unique("sync-"); c.LastEditAt = since.AddMinutes(offset); }));
        using var client = app.Client();
        var url = $"/api/v1/contacts?limit=2&updatedSince={since:yyyy-MM-dd'T'HH:mm:ss'Z'}";

        using var firstPage = await client.GetAsync(url, Ct);
        var first = await firstPage.BodyAsync(Ct);
        var firstIds = first["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
        // Someone edits the first contact sent while the client pages on.
        using var edit = await client.PostJsonAsync("/api/v1/contact",
            $$"""{ "externalCustomerId": "{{changed[0].ExternalId}}", "firstName": "Edited" }""", Ct);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var (rest, _) = await PagesAsync($"{url}&after={Uri.EscapeDataString(first["next"]!.GetValue<string>())}");

        var sent = firstIds.Concat(rest.SelectMany(p => p)).ToList();
        Assert.DoesNotContain(before.Id, sent);
        var changedIds = changed.Select(c => c.Id).ToList();
        Assert.Equal(changedIds.Take(2), firstIds);
        // Every changed contact once in the order of its change (ties by id), then the edited one again.
        Assert.Equal([.. changedIds, changedIds[0]], sent.Where(changedIds.Contains));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("after=abc", "after")]
    [InlineData("after=-3", "after")]
    [InlineData("updatedSince=yesterday", "updatedSince")]
    [InlineData("updatedSince=2026-02-01T00:00:00Z&after=12", "after")]
    [InlineData("email=olena@example.com&limit=10", "limit")]
    public async Task Bad_paging_values_are_refused_naming_the_parameter(string query, string parameter)
    {
        using var client = app.Client();

        using var response = await client.GetAsync($"/api/v1/contacts?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([parameter], await response.ErrorPathsAsync(Ct));
    }

    [Fact]
    public async Task Listing_needs_the_read_scope()
    {
        using var client = app.Client(await app.CreateKeyAsync(app.Unique("writer "), "contacts:write"));

        using var response = await client.GetAsync("/api/v1/contacts", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
