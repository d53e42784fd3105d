// Measures bulk ingest over loopback against a running ContactsAdmin: contacts/s through POST /api/v1/contacts
// (batches of 3000) and events/s through POST /api/v1/event (parallel clients). A file-based app:
//   dotnet run bench/api-ingest.cs -- http://127.0.0.1:5080 <api key> [batches=10] [events=20000] [clients=8]
// Start the app with a fresh database and the per-key rate limit raised, or the limiter is what you measure
// (see the README's "HTTP API" section). Bounded: it sends batches*3000 contacts and `events` events, then stops.
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:5080";
var key = args.Length > 1 ? args[1] : throw new ArgumentException("Pass the API key as the second argument.");
var batches = args.Length > 2 ? int.Parse(args[2]) : 10;
var events = args.Length > 3 ? int.Parse(args[3]) : 20000;
var clients = args.Length > 4 ? int.Parse(args[4]) : 8;
const int BatchSize = 3000;
var run = DateTime.UtcNow.ToString("HHmmss");

using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Add("X-Api-Key", key);

// Contacts: realistic items (names, email, phone, language, time zone), all new.
var bodies = Enumerable.Range(0, batches).Select(b => Batch(b)).ToList();
var clock = Stopwatch.StartNew();
var stored = 0;
foreach (var body in bodies)
{
    using var response = await http.PostAsync("/api/v1/contacts", new StringContent(body, Encoding.UTF8, "application/json"));
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode || !text.Contains("\"failed\":0")) throw new InvalidOperationException($"{(int)response.StatusCode}: {text[..Math.Min(400, text.Length)]}");
    stored += BatchSize;
}
clock.Stop();
Console.WriteLine($"contacts: {stored:N0} in {clock.Elapsed.TotalSeconds:N2} s = {stored / clock.Elapsed.TotalSeconds:N0} contacts/s (batches of {BatchSize}, one client)");

// Events: `clients` parallel clients about the contacts just stored, each event with its own keyValue.
var perClient = events / clients;
clock.Restart();
var failures = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
{
    using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
    client.DefaultRequestHeaders.Add("X-Api-Key", key);
    var failed = 0;
    for (var i = 0; i < perClient; i++)
    {
        var contact = (c * 7919 + i * 31) % stored;
        var json = $$"""{"eventTypeKey":"PageViewed","keyValue":"bench-{{run}}-{{c}}-{{i}}","params":[{"name":"externalCustomerId","value":"bench-{{run}}-{{contact}}"},{"name":"page","value":"/products/{{i % 500}}"}]}""";
        using var response = await client.PostAsync("/api/v1/event", new StringContent(json, Encoding.UTF8, "application/json"));
        if ((int)response.StatusCode != 201) failed++;
    }
    return failed;
})));
clock.Stop();
var sent = perClient * clients;
Console.WriteLine($"events:   {sent:N0} in {clock.Elapsed.TotalSeconds:N2} s = {sent / clock.Elapsed.TotalSeconds:N0} events/s ({clients} parallel clients, {failures.Sum()} not 201)");

string Batch(int b)
{
    var builder = new StringBuilder("[");
    for (var i = 0; i < BatchSize; i++)
    {
        var n = b * BatchSize + i;
        if (i > 0) builder.Append(',');
        builder.Append($$"""{"externalCustomerId":"bench-{{run}}-{{n}}","firstName":"Olena","lastName":"Koval","languageCode":"uk-UA","timeZone":"Europe/Kyiv","channels":[{"type":"email","value":"bench-{{run}}-{{n}}@example.com"},{"type":"sms","value":"+38050{{(1000000 + n) % 10000000:D7}}"}]}""");
    }
    return builder.Append(']').ToString();
}
