using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>
/// Two app instances on one database, as behind a load balancer: each has its own write gate and group commit, so only
/// the database keeps them from storing the same person or the same event twice. A PostgreSQL deployment: on SQLite the
/// test is skipped (see the test).
/// </summary>
[Trait(TestStore.Trait, TestStore.PostgreSqlOnly)]
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private const int People = 2000;
    private const int Events = 10_000;
    // Events share keyValues: 10,000 events carry 8,000 keys, so 2,000 of them are sent twice to each instance.
    private const int EventKeys = 8000;
    private const int ContactsPerRequest = 500;
    private const int EventsPerRequest = 500;

    private TestDatabase database = null!;
    private AppFactory first = null!;
    private AppFactory second = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var options = new AppFactoryOptions { Settings = new Dictionary<string, string> { ["Api:RateLimit:PermitLimit"] = "1000000" } };
        first = new AppFactory(database, options);
        first.StartServer();
        second = new AppFactory(database, options);
        second.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_same_2000_new_people_and_10000_events_sent_through_both_instances_at_once_store_one_contact_per_person_and_one_activity_per_key()
    {
        // Two app instances on one SQLite file answer some of these requests with 500 (not yet explained; SQLite is
        // the one-machine store, its write gate is per process): the test runs in test.sh's PostgreSQL pass.
        if (!TestStore.IsPostgreSql) Assert.Skip("Several app instances on one store are a PostgreSQL deployment.");
        // One key for both: the keys live in the database, as a client of a load-balanced app would use one.
        var key = (await first.Services.GetRequiredService<ApiKeyService>().CreateAsync("two instances", "tests", null, Ct)).Key;
        var contactBodies = Enumerable.Range(0, People / ContactsPerRequest)
            .Select(r => ContactsBody(Enumerable.Range(r * ContactsPerRequest, ContactsPerRequest))).ToList();
        var eventBodies = Enumerable.Range(0, Events / EventsPerRequest)
            .Select(r => EventsBody(Enumerable.Range(r * EventsPerRequest, EventsPerRequest))).ToList();

        // Every request goes to both instances at once; the second walks the requests in the other order, so the two
        // race on every person and key from both ends, with events creating people the contact requests also create.
        var sends = new List<Task<IReadOnlyList<string>>>();
        foreach (var (app, order) in new[] { (first, 1), (second, -1) })
        {
            var contacts = order > 0 ? contactBodies : [.. Enumerable.Reverse(contactBodies)];
            var events = order > 0 ? eventBodies : [.. Enumerable.Reverse(eventBodies)];
            sends.Add(SendAllAsync(app, key, "/api/v1/contacts", contacts));
            // Two streams of events per instance, so each instance's group commit and bulk writes also meet each other.
            sends.Add(SendAllAsync(app, key, "/api/v1/events", [.. events.Where((_, i) => i % 2 == 0)]));
            sends.Add(SendAllAsync(app, key, "/api/v1/events", [.. events.Where((_, i) => i % 2 == 1)]));
            // And one person at a time, in the same order on both: each request races the other instance's for the
            // same new person, with no batch to fall back from (without StoreWriteRace these answer 500).
            sends.Add(SendOneByOneAsync(app, key, Enumerable.Range(0, People).Where(p => p % 10 == 0)));
        }
        var failures = (await Task.WhenAll(sends)).SelectMany(f => f).ToList();

        Assert.Empty(failures.Take(5));
        await using var db = database.NewContext();
        var people = await db.Contacts.Where(c => c.ExternalId!.StartsWith(Prefix))
            .Select(c => new { c.Id, c.ExternalId, c.EmailNormalized }).ToListAsync(Ct);
        Assert.Equal(People, people.Count);
        Assert.Equal(People, await db.Contacts.CountAsync(c => c.EmailNormalized!.StartsWith(Prefix), Ct));
        Assert.All(people, p => Assert.Equal(Email(int.Parse(p.ExternalId![Prefix.Length..], System.Globalization.CultureInfo.InvariantCulture)), p.EmailNormalized));
        var activities = await db.Activities.Where(a => a.EventKey!.StartsWith(Prefix))
            .Select(a => new { a.EventKey, a.ContactId }).ToListAsync(Ct);
        Assert.Equal(EventKeys, activities.Count);
        Assert.Equal(EventKeys, activities.Select(a => a.EventKey).Distinct().Count());
        // Each activity belongs to the person its events named.
        var idOf = people.ToDictionary(p => p.ExternalId!, p => p.Id);
        Assert.All(activities, a => Assert.Equal(idOf[ExternalId(PersonOfKey(int.Parse(a.EventKey![(Prefix.Length + 2)..], System.Globalization.CultureInfo.InvariantCulture)))], a.ContactId));
    }

    private const string Prefix = "twin-";

    private static string ExternalId(int person) => $"{Prefix}{person}";

    private static string Email(int person) => $"{Prefix}{person}@example.com";

    private static int PersonOfKey(int key) => key % People;

    private static string ContactsBody(IEnumerable<int> persons)
    {
        var items = persons.Select(p => $$"""{ "externalCustomerId": "{{ExternalId(p)}}", "firstName": "Twin", "channels": [ { "type": "email", "value": "{{Email(p)}}" } ] }""");
        return $$"""{ "contacts": [ {{string.Join(", ", items)}} ] }""";
    }

    private static string EventsBody(IEnumerable<int> events)
    {
        var items = events.Select(e => e % EventKeys).Select(k => $$"""
            { "eventTypeKey": "PageViewed", "keyValue": "{{Prefix}}k-{{k}}", "occurredAt": "2026-03-03T10:15:00Z",
              "params": [ { "name": "externalCustomerId", "value": "{{ExternalId(PersonOfKey(k))}}" },
                          { "name": "email", "value": "{{Email(PersonOfKey(k))}}" }, { "name": "page", "value": "/p/{{k}}" } ] }
            """);
        return $"[ {string.Join(", ", items)} ]";
    }

    /// <summary>POST /contact for each person, one after another; returns what was answered other than 200 or 201.</summary>
    private static async Task<IReadOnlyList<string>> SendOneByOneAsync(AppFactory app, string key, IEnumerable<int> persons)
    {
        await Task.Yield();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var failed = new List<string>();
        foreach (var person in persons)
        {
            var body = $$"""{ "externalCustomerId": "{{ExternalId(person)}}", "channels": [ { "type": "email", "value": "{{Email(person)}}" } ] }""";
            using var response = await client.PostAsync("/api/v1/contact", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
                failed.Add($"/api/v1/contact: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
        return failed;
    }

    /// <summary>Posts the bodies one after another; returns what failed: a request, or an item answered other than 200 or 201.</summary>
    private static async Task<IReadOnlyList<string>> SendAllAsync(AppFactory app, string key, string path, IReadOnlyList<string> bodies)
    {
        await Task.Yield();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var failed = new List<string>();
        foreach (var body in bodies)
        {
            using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failed.Add($"{path}: {(int)response.StatusCode} {text}");
                continue;
            }
            failed.AddRange(JsonNode.Parse(text)!["results"]!.AsArray()
                .Where(r => r!["status"]!.GetValue<int>() is not (200 or 201))
                .Select(r => $"{path} item: {r!.ToJsonString()}"));
        }
        return failed;
    }
}
