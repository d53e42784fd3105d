using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>The app with rate limits out of the way, for a load of parallel requests.</summary>
public sealed class UnlimitedApiApp : ApiApp
{
    protected override AppFactoryOptions Options => new()
    {
        Settings = new Dictionary<string, string> { ["Api:RateLimit:PermitLimit"] = "1000000" },
    };
}

/// <summary>Parallel writers against the same contacts: every event stored once, every person once.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class IngestConcurrencyTests(UnlimitedApiApp app) : IClassFixture<UnlimitedApiApp>
{
    private const int Clients = 8;
    private const int EventsPerClient = 2000;
    private const int Contacts = 100;

    [Fact]
    public async Task Eight_clients_posting_2000_events_each_about_the_same_100_contacts_store_16000_activities_and_no_duplicate_contact()
    {
        // The contacts are unknown at first: the first events about each race to create it.
        var prefix = app.Unique("load") + "-";
        var keys = new List<string>();
        for (var c = 0; c < Clients; c++) keys.Add(await app.CreateKeyAsync($"{prefix}client {c}"));

        var failures = await Task.WhenAll(keys.Select((key, client) => Task.Run(async () =>
        {
            using var http = app.Client(key);
            var failed = new List<string>();
            for (var i = 0; i < EventsPerClient; i++)
            {
                // Each client walks the contacts from its own starting point, so all of them write to all contacts at once.
                var contact = (i + client * 13) % Contacts;
                using var response = await http.PostJsonAsync("/api/v1/event", $$"""
                    { "eventTypeKey": "PageViewed", "keyValue": "{{prefix}}{{client}}-{{i}}",
                      "params": [ { "name": "externalCustomerId", "value": "{{prefix}}c{{contact}}" },
                                  { "name": "email", "value": "{{prefix}}c{{contact}}@example.com" },
                                  { "name": "page", "value": "/products/{{i}}" } ] }
                    """, Ct);
                if (response.StatusCode != HttpStatusCode.Created)
                    failed.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            }
            return failed;
        }, Ct)));

        Assert.Empty(failures.SelectMany(f => f).Take(5));
        await using var db = app.Database.NewContext();
        var contacts = await db.Contacts.Where(c => c.ExternalId!.StartsWith(prefix)).Select(c => c.Id).ToListAsync(Ct);
        Assert.Equal(Contacts, contacts.Count);
        Assert.Equal(Clients * EventsPerClient, await db.Activities.CountAsync(a => contacts.Contains(a.ContactId), Ct));
        Assert.Equal(Clients * EventsPerClient, await db.Activities.Where(a => a.EventKey!.StartsWith(prefix)).Select(a => a.EventKey).Distinct().CountAsync(Ct));
        Assert.Equal(Contacts, await db.Contacts.Where(c => c.ExternalId!.StartsWith(prefix)).Select(c => c.EmailNormalized).Distinct().CountAsync(Ct));
    }
}
