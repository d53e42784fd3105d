using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Tests.Features.Jobs;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// A person watches a background job on its page: the bar moves with each batch while the job runs, reaches 100 %
/// and the page says Succeeded, without a reload; the jobs page lists it. A job another app instance runs (several
/// share a PostgreSQL store) is followed by its row.
/// </summary>
public class JobProgressPageTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_job_page_follows_a_running_job_to_100_percent_and_succeeded()
    {
        // An app of its own, with the counting job kind in it (the shared app has no test handlers).
        var ledger = new CountingLedger();
        await using var app = await AppFactory.CreateAsync(new() { RealPort = true, ConfigureHost = ledger.InstallIn });
        app.StartServer();
        var outcome = await app.Services.GetRequiredService<JobActions>()
            .StartAsync(TestUsers.Admin(AppFactory.AdminEmail), CountingJobHandler.KindName, "contacts-december.csv", new CountingJob(Items: 4_000, BatchSize: 1_000, HoldAt: 3_500),
                TestContext.Current.CancellationToken);
        var id = Assert.IsType<JobOutcome.Done>(outcome).JobId;
        await ledger.WaitUntilHeldAsync();

        await using var context = await Fixture.Browser.NewContextAsync(new()
        {
            BaseURL = app.ClientOptions.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1440, Height = 900 },
            ColorScheme = ColorScheme.Light,
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"jobs/{id}");
        await SignInAsync(page, AppFactory.AdminEmail, AppFactory.AdminPassword);
        await WaitForInteractiveAsync(page);

        var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of contacts-december.csv" });
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "75");
        await Expect(page.Locator("#job-progress")).ToHaveAttributeAsync("data-state", "Running");
        await Expect(page.Locator("#job-count")).ToHaveTextAsync("3,000 of 4,000 items (75%)");
        await Expect(page.Locator("#job-cancel")).ToBeVisibleAsync();
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "job-running.png");

        ledger.Release();

        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(page.Locator("#job-progress .job-state")).ToHaveTextAsync("Succeeded");
        await Expect(page.Locator("#job-counters")).ToContainTextAsync("Created");
        await Expect(page.Locator("#job-rerun")).ToBeVisibleAsync();
        await Expect(page.Locator("#job-cancel")).ToHaveCountAsync(0);
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveInEachWindowAsync(page, "job-page");

        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "100");
        await Stillness.WaitForThemeAsync(page, dark: true);
        await WcagChecks.AssertAccessibleAsync(page);
        await BrowserWindow.ResizeAsync(page, 1440, 900);
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);

        await page.Locator("#jobs-back").ClickAsync();
        var row = page.Locator("#jobs tbody tr", new() { HasText = "contacts-december.csv" });
        await Expect(row).ToContainTextAsync("4,000 of 4,000 items");
        await Expect(row).ToContainTextAsync("Succeeded");
        await Expect(row).ToContainTextAsync(AppFactory.AdminEmail);
        await Stillness.WaitAsync(page);
        await Screenshots.SaveInEachWindowAsync(page, "jobs-page");

        // A job a restart interrupted says how far it got and offers Resume and Rerun.
        await using (var db = app.Database.NewContext())
        {
            db.BackgroundJobs.Add(new BackgroundJob
            {
                Kind = CountingJobHandler.KindName, Title = "interrupted.csv", StartedBy = AppFactory.AdminEmail, QueuedAt = DateTime.UtcNow,
                StartedAt = DateTime.UtcNow, State = JobState.Interrupted, Total = 9_000, Processed = 3_000, Position = 3_000,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await page.Locator("#jobs tbody tr", new() { HasText = "interrupted.csv" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#job-interrupted")).ToContainTextAsync("It had finished 3,000 of 9,000 items.");
        await Expect(page.Locator("#job-resume")).ToBeVisibleAsync();
        await Stillness.WaitAsync(page);
        await Screenshots.SaveInEachWindowAsync(page, "job-interrupted");
    }

    [Fact]
    public async Task The_job_page_follows_a_job_another_instance_runs_by_its_row_without_a_reload()
    {
        var title = $"elsewhere-{Tag()}.csv";
        var job = await AddRunningJobAsync(CountingJobHandler.KindName, title, "{}");

        var page = await NewAdminPageAsync();
        await page.GotoAsync($"jobs/{job.Id}");
        await WaitForInteractiveAsync(page);
        var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = $"Progress of {title}" });
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "25");

        await WriteBatchAsync(job, 3_000, JobState.Running);
        await Expect(page.Locator("#job-count")).ToHaveTextAsync("3,000 of 4,000 items (75%)");
        await Expect(page.Locator("#job-progress")).ToHaveAttributeAsync("data-state", "Running");

        await WriteBatchAsync(job, 4_000, JobState.Succeeded);
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(page.Locator("#job-progress .job-state")).ToHaveTextAsync("Succeeded");
        await Expect(page.Locator("#job-cancel")).ToHaveCountAsync(0);
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
    }

    [Theory]
    [InlineData("jobs", "#jobs")]
    [InlineData(ImportRoutes.Page, "#import-past")]
    public async Task A_list_of_jobs_follows_an_active_one_to_its_end_without_a_reload(string address, string table)
    {
        var title = $"listed-{Tag()}.csv";
        var job = address == ImportRoutes.Page
            ? await AddRunningJobAsync(ImportJobParameters.JobKind, title, JsonSerializer.Serialize(
                new ImportJobParameters("upload", title, 65001, ',', true, ["Email"], "{}", new ImportOptions())))
            : await AddRunningJobAsync(CountingJobHandler.KindName, title, "{}");

        var page = await NewAdminPageAsync();
        await page.GotoAsync(address.TrimStart('/'));
        await WaitForInteractiveAsync(page);
        var row = page.Locator($"{table} tbody tr", new() { HasText = title });
        await Expect(row).ToContainTextAsync("1,000 of 4,000");
        await Expect(row).ToContainTextAsync("Running");

        await WriteBatchAsync(job, 3_000, JobState.Running);
        await Expect(row).ToContainTextAsync("3,000 of 4,000");

        await WriteBatchAsync(job, 4_000, JobState.Succeeded, new() { ["created"] = 4_000 });
        await Expect(row).ToContainTextAsync("Succeeded");
        await Expect(row).ToContainTextAsync("4,000");
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
    }

    /// <summary>A job as another instance's runner writes its row: nothing of it is published in this app's process.</summary>
    private async Task<BackgroundJob> AddRunningJobAsync(string kind, string title, string parameters)
    {
        var job = new BackgroundJob
        {
            Kind = kind, Title = title, Parameters = parameters, StartedBy = AppFactory.AdminEmail, QueuedAt = DateTime.UtcNow,
            StartedAt = DateTime.UtcNow, State = JobState.Running, Total = 4_000, Processed = 1_000, Position = 1_000,
            Runner = "another-machine/4242/0123456789abcdef", HeartbeatAt = DateTime.UtcNow,
        };
        await using var db = Fixture.Database.NewContext();
        db.BackgroundJobs.Add(job);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return job;
    }

    /// <summary>What that runner writes after a batch (and with its last one, the outcome's counters).</summary>
    private async Task WriteBatchAsync(BackgroundJob job, long processed, JobState state, Dictionary<string, long>? counters = null)
    {
        await using var db = Fixture.Database.NewContext();
        var now = DateTime.UtcNow;
        var counts = counters is null ? job.Counters : JobCounters.Write(counters);
        await db.BackgroundJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Processed, processed).SetProperty(j => j.Position, processed)
            .SetProperty(j => j.State, state).SetProperty(j => j.HeartbeatAt, now).SetProperty(j => j.FinishedAt, state == JobState.Running ? null : now)
            .SetProperty(j => j.Counters, counts), TestContext.Current.CancellationToken);
    }
}
