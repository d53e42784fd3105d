using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bogus;
using ContactsAdmin.Bench.Stores;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// Bulk API ingest over loopback HTTP against the real app (its own process) on a fresh temporary database:
/// 4 clients posting batches of 3000 new contacts to POST /api/v1/contacts, 4 clients posting single events about
/// existing contacts to POST /api/v1/event (what an integrator sending an event per call sees), and 4 clients posting
/// batches of 1000 such events to POST /api/v1/events. Each round's rate is one sample. Every answer must be
/// a success and the stored counts must add up, or the benchmark stops: a fast wrong answer is no result.
/// </summary>
public static class IngestBench
{
    private const string Group = "ingest";
    private const int Clients = 4;
    private const int BatchSize = 3000;
    private const int EventBatchSize = 1000;

    public static async Task RunAsync(BenchContext context)
    {
        var quick = context.Options.Quick;
        var rounds = quick ? 3 : 5;
        var batchesPerClient = quick ? 1 : 2;
        var eventsPerClient = quick ? 500 : 5000;
        var eventBatchesPerClient = quick ? 2 : 5;

        // A new, empty store of the benchmark's engine (a temporary file, or a temporary database on the same server).
        var store = context.Store.Fresh("ingest");
        try
        {
            // The command creates and migrates the new database; the app then finds the key there.
            var key = await AppProcess.CreateApiKeyAsync(store);
            await using var app = await AppProcess.StartAsync(store, new Dictionary<string, string>
            {
                ["Api:RateLimit:PermitLimit"] = "1000000000",   // the limiter is not what is measured
            });
            var clients = Enumerable.Range(0, Clients).Select(_ => Client(app.BaseUrl, key)).ToArray();
            try
            {
                var bench = new Run(clients, new Faker("en") { Random = new Randomizer(7) });
                // Warm-up: JIT, connection pools and the first pages of the tables, not measured.
                await bench.PostContactsAsync(batchesPerClient: 1, batchSize: 200);
                await bench.PostEventsAsync(eventsPerClient: 200);
                await bench.PostEventBatchesAsync(batchesPerClient: 1, batchSize: 200);

                var contactRates = new List<double>();
                var eventRates = new List<double>();
                var eventBatchRates = new List<double>();
                for (var round = 0; round < rounds; round++)
                {
                    contactRates.Add(await bench.PostContactsAsync(batchesPerClient, BatchSize));
                    eventRates.Add(await bench.PostEventsAsync(eventsPerClient));
                    eventBatchRates.Add(await bench.PostEventBatchesAsync(eventBatchesPerClient, EventBatchSize));
                }
                await bench.VerifyStoredAsync(store);
                var note = $"{rounds} rounds, rate per round; load average {BenchDatabase.LoadAverage()}";

                context.Add(new BenchResult(Group, $"bulk contacts, {Clients} clients x {batchesPerClient} batch(es) of {BatchSize}, new contacts",
                    Unit.PerSecond, Stats.Of(contactRates), null, ">= 5,000/s", note));
                context.Add(new BenchResult(Group, $"single events, {Clients} clients x {eventsPerClient}, existing contacts",
                    Unit.PerSecond, Stats.Of(eventRates), null, "(an event per call; >= 10,000/s is for bulk)", note));
                context.Add(new BenchResult(Group, $"bulk events, {Clients} clients x {eventBatchesPerClient} batches of {EventBatchSize}, existing contacts",
                    Unit.PerSecond, Stats.Of(eventBatchRates), null, ">= 10,000/s", note));
            }
            finally
            {
                foreach (var client in clients) client.Dispose();
            }
        }
        finally
        {
            await store.DropAsync();
        }
    }

    private static HttpClient Client(Uri baseUrl, string key)
    {
        var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>What was sent so far, so events name stored contacts and the end can check the store.</summary>
    private sealed class Run(HttpClient[] clients, Faker faker)
    {
        private readonly string prefix = "bench-" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture) + "-";
        private int contacts;
        private int events;

        /// <summary>Each client posts its batches one after another; the bodies are built before the clock starts.</summary>
        public async Task<double> PostContactsAsync(int batchesPerClient, int batchSize)
        {
            var bodies = new string[clients.Length][];
            for (var c = 0; c < clients.Length; c++)
            {
                bodies[c] = new string[batchesPerClient];
                for (var b = 0; b < batchesPerClient; b++)
                {
                    bodies[c][b] = ContactBatch(contacts, batchSize);
                    contacts += batchSize;
                }
            }

            var seconds = await PostAllAsync(bodies, "api/v1/contacts", response => ExpectStoredWholeAsync(response, batchSize, "contacts"));
            return batchesPerClient * batchSize * clients.Length / seconds;
        }

        /// <summary>Each client posts its events one at a time, each with its own keyValue, about contacts stored before.</summary>
        public async Task<double> PostEventsAsync(int eventsPerClient)
        {
            var known = contacts;
            var bodies = new string[clients.Length][];
            for (var c = 0; c < clients.Length; c++)
            {
                bodies[c] = new string[eventsPerClient];
                for (var i = 0; i < eventsPerClient; i++)
                    bodies[c][i] = Event(events++, contact: faker.Random.Int(0, known - 1), i);
            }

            var seconds = await PostAllAsync(bodies, "api/v1/event", async response =>
            {
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"An event was not stored as new: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            });
            return eventsPerClient * clients.Length / seconds;
        }

        /// <summary>Each client posts its batches of events one after another, each event with its own keyValue, about contacts stored before.</summary>
        public async Task<double> PostEventBatchesAsync(int batchesPerClient, int batchSize)
        {
            var known = contacts;
            var bodies = new string[clients.Length][];
            for (var c = 0; c < clients.Length; c++)
            {
                bodies[c] = new string[batchesPerClient];
                for (var b = 0; b < batchesPerClient; b++)
                {
                    var items = new JsonArray();
                    for (var i = 0; i < batchSize; i++) items.Add(EventNode(events++, contact: faker.Random.Int(0, known - 1), i));
                    bodies[c][b] = items.ToJsonString();
                }
            }

            var seconds = await PostAllAsync(bodies, "api/v1/events", response => ExpectStoredWholeAsync(response, batchSize, "events"));
            return batchesPerClient * batchSize * clients.Length / seconds;
        }

        /// <summary>Each client posts its bodies one after another, all clients at once; the seconds it took. Every answer is checked.</summary>
        private async Task<double> PostAllAsync(string[][] bodies, string path, Func<HttpResponseMessage, Task> check)
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
            {
                foreach (var body in bodies[c])
                {
                    using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
                    await check(response);
                }
            })));
            return clock.Elapsed.TotalSeconds;
        }

        /// <summary>A bulk answer must say every item was created and none failed.</summary>
        private static async Task ExpectStoredWholeAsync(HttpResponseMessage response, int batchSize, string items)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || JsonNode.Parse(text) is not { } result
                || result["created"]?.GetValue<int>() != batchSize || result["failed"]?.GetValue<int>() != 0)
                throw new InvalidOperationException($"A bulk of {batchSize} new {items} was not stored whole: {(int)response.StatusCode} {text[..Math.Min(600, text.Length)]}");
        }

        /// <summary>Every contact and event sent is in the store once: no more, no fewer.</summary>
        public async Task VerifyStoredAsync(BenchStore store)
        {
            await using var connection = store.OpenRaw();
            await using var command = connection.Command("""
                SELECT (SELECT count(*) FROM Contacts WHERE ExternalId LIKE @prefix || '%'),
                       (SELECT count(DISTINCT EmailNormalized) FROM Contacts WHERE ExternalId LIKE @prefix || '%'),
                       (SELECT count(*) FROM Activities WHERE EventKey LIKE @prefix || '%')
                """, ("@prefix", prefix));
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (storedContacts, storedEmails, storedEvents) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            if (storedContacts != contacts || storedEmails != contacts || storedEvents != events)
                throw new InvalidOperationException($"The store does not add up: sent {contacts:N0} contacts and {events:N0} events, " +
                    $"stored {storedContacts:N0} contacts ({storedEmails:N0} emails) and {storedEvents:N0} events.");
        }

        private string ContactBatch(int first, int count)
        {
            var items = new JsonArray();
            for (var n = first; n < first + count; n++)
            {
                var firstName = faker.Name.FirstName();
                var lastName = faker.Name.LastName();
                items.Add(new JsonObject
                {
                    ["externalCustomerId"] = $"{prefix}{n}",
                    ["firstName"] = firstName,
                    ["lastName"] = lastName,
                    ["languageCode"] = faker.PickRandom("uk-UA", "en-GB", "de-DE", "pl-PL", "fr-FR"),
                    ["timeZone"] = faker.PickRandom("Europe/Kyiv", "Europe/London", "Europe/Berlin", "Europe/Warsaw", "Europe/Paris"),
                    ["address"] = new JsonObject { ["country"] = faker.PickRandom("UA", "GB", "DE", "PL", "FR"), ["town"] = faker.Address.City() },
                    ["channels"] = new JsonArray
                    {
                        new JsonObject { ["type"] = "email", ["value"] = $"{Letters(firstName)}.{Letters(lastName)}.{prefix}{n}@example.com" },
                        new JsonObject { ["type"] = "sms", ["value"] = $"+38050{n % 10_000_000:D7}" },
                    },
                });
            }
            return items.ToJsonString();
        }

        private static string Letters(string name) => new([.. name.ToLowerInvariant().Where(char.IsAsciiLetter)]);

        private string Event(int number, int contact, int i) => EventNode(number, contact, i).ToJsonString();

        private JsonObject EventNode(int number, int contact, int i) => new()
        {
            ["eventTypeKey"] = faker.PickRandom("PageViewed", "AddToCart", "ProductViewed", "Search"),
            ["keyValue"] = $"{prefix}event-{number}",
            ["params"] = new JsonArray
            {
                new JsonObject { ["name"] = "externalCustomerId", ["value"] = $"{prefix}{contact}" },
                new JsonObject { ["name"] = "page", ["value"] = $"/products/{i % 500}" },
                new JsonObject { ["name"] = "price", ["value"] = JsonValue.Create(Math.Round(faker.Random.Double(1, 200), 2)) },
            },
        };
    }
}
