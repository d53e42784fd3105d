// Times the Contact Activity tab's reads for one contact with about 100,000 activities and prints the plan
// SQLite chose for each query. Not a test: numbers depend on the machine; nothing here asserts a time.
//
//   dotnet run -c Release --project bench/ContactsAdmin.Bench -- [--activities 100000] [--runs 21] [--db path]
//
// --db keeps the seeded database at that path and reuses it on the next run (seeding takes a while).
using System.Diagnostics;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var activities = Option("--activities", 100_000);
var runs = Option("--runs", 21);
var keptDb = args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault();
var dbPath = keptDb ?? Path.Combine(Directory.CreateTempSubdirectory("activity-bench-").FullName, "contacts.db");

await using var timed = Services(dbPath, recorder: null);
var recorder = new QueryPlanRecorder();
await using var explained = Services(dbPath, recorder);

var factory = timed.GetRequiredService<IDbContextFactory<AppDbContext>>();
await timed.MigrateContactStoreAsync();
await using (var db = await factory.CreateDbContextAsync())
{
    if (!await db.Contacts.AnyAsync())
    {
        // The demo's known contacts, each with about this many activities (so the indexes hold other contacts' rows too).
        Console.WriteLine($"Seeding {DemoContacts.All.Count} contacts with about {activities:N0} activities each into {dbPath} ...");
        var seeding = Stopwatch.StartNew();
        await new DemoDataSeeder(factory, TimeProvider.System).SeedAsync(
            DemoDataOptions.Default with { Contacts = DemoContacts.All.Count, ActivitiesPerContact = activities }, fresh: false, progress: null);
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:N0} s.");
    }
}

long contactId;
string? contactZoneId;
int contactActivities, allActivities;
await using (var db = await factory.CreateDbContextAsync())
{
    // The contact whose count is nearest the target.
    var counts = await db.Activities.GroupBy(a => a.ContactId).Select(g => new { ContactId = g.Key, Count = g.Count() }).ToListAsync();
    var chosen = counts.OrderBy(c => Math.Abs(c.Count - activities)).First();
    (contactId, contactActivities, allActivities) = (chosen.ContactId, chosen.Count, counts.Sum(c => c.Count));
    contactZoneId = await db.Contacts.Where(c => c.Id == contactId).Select(c => c.TimeZone).SingleAsync();
}

var userZone = LocalDays.ZoneOrUtc("Europe/Kyiv");
var contactZone = LocalDays.ZoneOrUtc(contactZoneId);
var today = LocalDays.DayOf(DateTime.UtcNow, userZone);
Console.WriteLine($"Contact #{contactId}: {contactActivities:N0} activities (of {allActivities:N0} in the database, {new FileInfo(dbPath).Length / 1048576.0:N0} MB), " +
    $"contact zone {contactZone.Id}, user zone {userZone.Id}; {Environment.ProcessorCount} cores, .NET {Environment.Version}.");
Console.WriteLine($"Each line: median of {runs} runs after 3 warm-ups (min, max), in milliseconds; a new DbContext per call, as in the app.");
Console.WriteLine();

var views = new (string Name, ActivityView View)[]
{
    ("no filters", ActivityView.Default),
    ("status Clicked", ActivityView.Default with { Status = MessageStatus.Clicked }),
    ("channel Email", ActivityView.Default with { Channel = ActivityChannel.Email }),
    ("channel Web widget", ActivityView.Default with { Channel = ActivityChannel.WebWidget }),
    ("name contains \"sale\"", ActivityView.Default with { Search = "sale" }),
    ("last 30 days", ActivityView.Default.WithQuickRange(30, today)),
    ("page 2,000 (deep paging)", ActivityView.Default with { Page = 1999 }),
};

foreach (var services in new[] { timed, explained })
{
    var queries = new ActivityQueries(services.GetRequiredService<IDbContextFactory<AppDbContext>>(), TimeProvider.System);
    var widgets = new WidgetDisplayQueries(services.GetRequiredService<IDbContextFactory<AppDbContext>>(), TimeProvider.System);
    var explaining = services == explained;
    if (explaining) Console.WriteLine("Query plans (EXPLAIN QUERY PLAN):");

    async Task Measure(string name, Func<Task> read)
    {
        if (explaining)
        {
            recorder.Clear();
            await read();
            Console.WriteLine($"-- {name}");
            foreach (var plan in recorder.Plans.DistinctBy(p => p.ToString())) Console.WriteLine(plan + Environment.NewLine);
            return;
        }
        for (var i = 0; i < 3; i++) await read();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await read();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{name,-62} {times[times.Count / 2],8:N1}   ({times[0]:N1}, {times[^1]:N1})");
    }

    // What opening the tab does: counts and chart, widget standings, the first page.
    await Measure("open the tab: summary + widgets + first page (no filters)", async () =>
    {
        var filter = ActivityView.Default.ToFilter(userZone);
        await queries.SummaryAsync(contactId, filter, userZone, default);
        await widgets.StandingsAsync(contactId, contactZone, default);
        await queries.PageAsync(contactId, filter, 0, 25, contactZone, default);
    });
    foreach (var (name, view) in views)
    {
        var filter = view.ToFilter(userZone);
        await Measure($"summary (counts + chart), {name}", () => queries.SummaryAsync(contactId, filter, userZone, default));
        await Measure($"page of 25, {name}", () => queries.PageAsync(contactId, filter, view.Page, 25, contactZone, default));
    }
    await Measure("widget standings", () => widgets.StandingsAsync(contactId, contactZone, default));
    Console.WriteLine();
}

if (keptDb is null) File.Delete(dbPath);
return;

int Option(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value && int.TryParse(value, out var n) ? n : fallback;

static ServiceProvider Services(string dbPath, QueryPlanRecorder? recorder)
{
    var configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Contacts"] = $"Data Source={dbPath}" })
        .Build();
    var services = new ServiceCollection().AddLogging().AddContactsData(configuration);
    if (recorder is not null) services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(recorder));
    return services.BuildServiceProvider();
}
