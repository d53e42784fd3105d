using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Bulk;
using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Bench.Scenarios;

/// <summary>
/// A bulk action at scale (issue 19): "select all matching" a filter of about half the store (the demo category whose
/// subscribers come closest to half the contacts), then "add to category" of that selection into a new category, run as
/// the app runs it: a background job (the app's JobRunner, its progress row written per batch) of kind "bulk". Every
/// contact of the filter gets a subscription row and an audit row, so a run writes to the store; each run adds a
/// category of its own. One run; the target is under a minute at 1M contacts.
/// </summary>
public static class BulkBench
{
    public static async Task RunAsync(BenchContext context)
    {
        await using var services = Services(context.DatabasePath);
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var queries = services.GetRequiredService<ContactQueries>();

        // "Select all N matching": the count the selection bar asks for.
        var (filter, matching, countSeconds) = await HalfOfTheStoreAsync(factory, queries);
        if (filter is null)
        {
            Console.WriteLine("  bulk: the store has no demo categories to filter by; skipped.");
            return;
        }

        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var target = new SubscriptionCategory { Key = $"bulk_bench_{stamp}", Name = $"Bulk bench {stamp}", SortOrder = 1000 };
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.SubscriptionCategories.Add(target);
            await db.SaveChangesAsync();
        }

        var runner = services.GetRequiredService<JobRunner>();
        await runner.StartAsync(CancellationToken.None);
        try
        {
            var watch = Stopwatch.StartNew();
            var outcome = await services.GetRequiredService<BulkActionStarter>()
                .StartAsync(Admin, BulkAction.AddToCategory, BulkSelection.AllMatching(filter), matching, target.Id);
            var jobId = outcome is JobOutcome.Done done ? done.JobId : throw new InvalidOperationException($"The bulk job did not start: {outcome}");
            var job = await WaitAsync(factory, jobId);
            var seconds = watch.Elapsed.TotalSeconds;
            if (job.State != JobState.Succeeded) throw new InvalidOperationException($"The bulk job ended {job.State}: {job.Error}");

            context.Add(new BenchResult("bulk", $"add {matching:N0} matching contacts to a category (\"select all matching\" + job)", Unit.Seconds,
                Stats.OneSample(seconds + countSeconds), null, "< 60 s for 500,000 at 1M",
                string.Create(CultureInfo.InvariantCulture,
                    $"count {countSeconds:N1} s + job {seconds:N1} s; {job.Processed / seconds:N0} contacts/s; {JobText.Counters(JobCounters.Read(job.Counters))}; " +
                    $"batches of {BulkJobHandler.SetBatchSize:N0}; load {Load()}")));
        }
        finally
        {
            await runner.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The demo category filter whose exact count comes closest to half the contacts, its count, and how long that count took.</summary>
    private static async Task<(ContactFilter? Filter, int Count, double Seconds)> HalfOfTheStoreAsync(IDbContextFactory<AppDbContext> factory, ContactQueries queries)
    {
        int total;
        List<int> categories;
        await using (var db = await factory.CreateDbContextAsync())
        {
            total = await db.Contacts.CountAsync();
            categories = await db.SubscriptionCategories.Where(c => !c.Key.StartsWith("bulk_bench_")).Select(c => c.Id).ToListAsync();
        }
        (ContactFilter? Filter, int Count, double Seconds) best = (null, 0, 0);
        foreach (var id in categories)
        {
            var filter = new ContactFilter { CategoryId = id };
            var watch = Stopwatch.StartNew();
            var count = await queries.CountAsync(filter, CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            if (best.Filter is null || Math.Abs(count - total / 2) < Math.Abs(best.Count - total / 2)) best = (filter, count, seconds);
        }
        return best;
    }

    private static async Task<BackgroundJob> WaitAsync(IDbContextFactory<AppDbContext> factory, long jobId)
    {
        while (true)
        {
            await using (var db = await factory.CreateDbContextAsync())
            {
                var job = await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
                if (job.State is not (JobState.Queued or JobState.Running)) return job;
            }
            await Task.Delay(200);
        }
    }

    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "bench@example.com"), new Claim(ClaimTypes.Role, Roles.Admin)], "bench"));

    /// <summary>The app's data, features, policies and jobs on the benchmark database, as the app registers them.</summary>
    private static ServiceProvider Services(string dbPath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Contacts"] = $"Data Source={dbPath}" })
            .Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        collection.AddContactsSettings();
        collection.AddContactsData(configuration);
        // Contact writes hash identifiers against erased contacts' suppressions with the app's key (kept beside the database).
        collection.AddContactsDataProtection(configuration);
        collection.AddContactsFeatures();
        collection.AddContactsPolicies();
        collection.AddContactsJobs();
        return collection.BuildServiceProvider();
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
