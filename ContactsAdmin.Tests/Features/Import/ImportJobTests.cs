using System.Globalization;
using System.Net;
using System.Text;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using ContactsAdmin.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Import;

/// <summary>
/// Imports run as background jobs in the real app on a real SQLite store: counted in rows on the job, their bad rows
/// downloadable over HTTP, stopped at a batch's end by a cancel, and resumed after a restart without doing a row twice.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class ImportJobTests : IAsyncLifetime
{
    private const string FileName = "list.csv";

    private readonly List<AppFactory> apps = [];
    private TestDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var app in apps) await app.DisposeAsync();
        await database.DisposeAsync();
    }

    private AppFactory StartApp()
    {
        // A beat a second: on PostgreSQL a stopped app's job counts as abandoned after four (a store several instances share).
        var app = new AppFactory(database, new() { Settings = new Dictionary<string, string> { ["Jobs:HeartbeatSeconds"] = "1" } });
        apps.Add(app);
        _ = app.Services;   // starts the host, and with it the job runner
        return app;
    }

    /// <summary>Uploads <paramref name="csv"/> and starts its import with the suggested mapping, as the import page does.</summary>
    private static async Task<long> StartImportAsync(AppFactory app, string csv, ImportOptions? options = null)
    {
        var upload = await app.Services.GetRequiredService<ImportUploads>().SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), FileName, TestRun.Ct);
        CsvSniff sniff;
        await using (var file = app.Services.GetRequiredService<ImportUploads>().OpenRead(upload.Id))
            sniff = await CsvSniffer.SniffAsync(file, TestRun.Ct);
        var lookups = await app.Services.GetRequiredService<ContactImporter>().LookupsAsync(TestRun.Ct);
        var mapping = MappingSuggestion.Suggest(sniff.Columns, ProfileFieldTable.Standard, lookups.Fields.Values, lookups.Categories.Values);
        var parameters = ImportJobParameters.For(upload, sniff.Format, sniff.Columns, mapping, options ?? new ImportOptions());
        var outcome = await app.Services.GetRequiredService<JobActions>()
            .StartAsync(TestUsers.Marketer(), ImportJobParameters.JobKind, FileName, parameters, TestRun.Ct);
        return Assert.IsType<JobOutcome.Done>(outcome).JobId;
    }

    private async Task<BackgroundJob> JobAsync(long id)
    {
        await using var db = database.NewContext();
        return await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == id, TestRun.Ct);
    }

    private async Task<BackgroundJob> WaitForStateAsync(long id, JobState state)
    {
        await Eventually.HoldsAsync(async () => (await JobAsync(id)).State is var s && (s == state || s == JobState.Failed && state != JobState.Failed),
            TimeSpan.FromSeconds(120), $"job {id} {state}");
        var job = await JobAsync(id);
        Assert.True(job.State == state, $"The job is {job.State}: {job.Error}");
        return job;
    }

    private async Task<List<Contact>> ContactsAsync()
    {
        await using var db = database.NewContext();
        return await db.Contacts.Include(c => c.Subscriptions).AsNoTracking().OrderBy(c => c.Id).ToListAsync(TestRun.Ct);
    }

    private static async Task<BrowserlessSession> SignedInAsync(AppFactory app, string role)
    {
        var session = new BrowserlessSession(app);
        var (email, password) = await BrowserlessSession.CreateUserAsync(app, role);
        await session.SignInAsync(email, password);
        return session;
    }

    /// <summary>The error report's lines, without its byte order mark.</summary>
    private static async Task<string[]> ErrorReportAsync(AppFactory app, long id)
    {
        using var marketer = await SignedInAsync(app, Roles.Marketer);
        using var response = await marketer.GetAsync(ImportRoutes.ErrorReport(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestRun.Ct);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>A file of <paramref name="rows"/> people, one per line after the header, with a bad address on each of <paramref name="badLines"/>.</summary>
    private static string People(int rows, params long[] badLines)
    {
        var csv = new StringBuilder("Email,First Name\n");
        for (var line = 2; line <= rows + 1; line++)
        {
            csv.Append(badLines.Contains(line) ? $"not-an-address-{line}" : $"person{line}@example.com")
                .Append(",Person\n");
        }
        return csv.ToString();
    }

    private const string SmallFile = "Email,First Name,City\nolena@example.com,Olena,\"Lviv\nCentre\"\n=cmd|bad,Taras,Kyiv\nandrii@example.com,Andrii,Odesa\n";

    [Fact]
    public async Task An_import_job_writes_the_good_rows_and_counts_rows_on_the_job_with_an_audit_entry_naming_the_file()
    {
        var app = StartApp();

        var id = await StartImportAsync(app, SmallFile);

        var job = await WaitForStateAsync(id, JobState.Succeeded);
        // Rows, not lines: Olena's quoted city spans two lines of the file.
        Assert.Equal((3L, 3L, 5L), (job.Total!.Value, job.Processed, job.Position));
        Assert.Equal(new Dictionary<string, long> { [JobCounters.Created] = 2, [JobCounters.Failed] = 1 }, JobCounters.Read(job.Counters));
        var contacts = await ContactsAsync();
        Assert.Equal(["olena@example.com", "andrii@example.com"], contacts.Select(c => c.Email));
        Assert.All(contacts, c => Assert.Equal((ContactSource.Import, "Import: list.csv"), (c.Source, c.LastEditBy)));
        await using var db = database.NewContext();
        var audit = await db.AuditEntries.AsNoTracking().ToListAsync(TestRun.Ct);
        // One entry per new contact, listing what it was created with.
        Assert.All(contacts, c => Assert.Contains("; First name: ", Assert.Single(audit, a => a.ContactId == c.Id).NewValue));
        Assert.All(audit, a => Assert.Equal(("Import: list.csv", ChangeSource.Import), (a.Actor, a.Source)));
    }

    [Fact]
    public async Task The_bad_rows_download_as_csv_with_line_column_value_and_reason_for_marketers_and_admins_only()
    {
        var app = StartApp();
        var id = await StartImportAsync(app, SmallFile);
        await WaitForStateAsync(id, JobState.Succeeded);
        using var marketer = await SignedInAsync(app, Roles.Marketer);
        using var viewer = await SignedInAsync(app, Roles.Viewer);

        using var response = await marketer.GetAsync(ImportRoutes.ErrorReport(id));
        using var refused = await viewer.GetAsync(ImportRoutes.ErrorReport(id));
        using var missing = await marketer.GetAsync(ImportRoutes.ErrorReport(id + 1000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("list-errors.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = await ErrorReportAsync(app, id);
        Assert.Equal("line,column,value,reason", lines[0]);
        var bad = Assert.Single(lines[1..]);
        Assert.StartsWith("4,Email,'=cmd|bad,", bad, StringComparison.Ordinal);   // the formula neutralised
        Assert.Contains("email", bad[18..], StringComparison.OrdinalIgnoreCase);
        // Refused as the app refuses a page to a role: sent to the access-denied page, never the file.
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_dry_run_job_counts_the_whole_file_and_writes_nothing()
    {
        var store = new StoreBuilder(database);
        await store.ContactAsync(c => c.Email = "olena@example.com");
        var app = StartApp();

        var id = await StartImportAsync(app, SmallFile, new ImportOptions(DryRun: true));

        var job = await WaitForStateAsync(id, JobState.Succeeded);
        Assert.Equal(new Dictionary<string, long> { [JobCounters.Created] = 1, [JobCounters.Updated] = 1, [JobCounters.Failed] = 1 },
            JobCounters.Read(job.Counters));
        Assert.Equal((3L, 3L), (job.Total!.Value, job.Processed));
        var contact = Assert.Single(await ContactsAsync());
        Assert.Null(contact.FirstName);
        await using var db = database.NewContext();
        Assert.Equal(0, await db.AuditEntries.CountAsync(TestRun.Ct));
    }

    [Fact]
    public async Task An_import_job_keeps_a_blacklisted_address_blacklisted_and_resubscribes_no_one_without_consent()
    {
        var store = new StoreBuilder(database);
        await store.CategoryAsync("News");
        await store.ContactAsync(c => (c.Email, c.EmailStatus) = ("spam@example.com", EmailStatus.Blacklisted));
        await LogAsync("spam@example.com", EmailEventKind.BlacklistAdded);
        await store.ContactAsync(c => (c.Email, c.EmailStatus) = ("olena@example.com", EmailStatus.Unsubscribed));
        await LogAsync("olena@example.com", EmailEventKind.Unsubscribed);
        var app = StartApp();

        var id = await StartImportAsync(app, "Email,First Name,News\nspam@example.com,Spam,yes\nolena@example.com,Olena,yes\nnew@example.com,New,yes\n");

        await WaitForStateAsync(id, JobState.Succeeded);
        var contacts = (await ContactsAsync()).ToDictionary(c => c.Email!);
        Assert.Equal((EmailStatus.Blacklisted, 0), (contacts["spam@example.com"].EmailStatus, contacts["spam@example.com"].Subscriptions.Count));
        Assert.Equal((EmailStatus.Unsubscribed, 0), (contacts["olena@example.com"].EmailStatus, contacts["olena@example.com"].Subscriptions.Count));
        Assert.Equal("Olena", contacts["olena@example.com"].FirstName);
        Assert.True(Assert.Single(contacts["new@example.com"].Subscriptions).IsSubscribed);
    }

    [Fact]
    public async Task A_cancelled_import_stops_at_the_end_of_a_batch_and_keeps_what_it_wrote()
    {
        var app = StartApp();
        var gate = app.Services.GetRequiredService<IngestWriteGate>();
        var rows = ImportLimits.RowsPerBatch + 500;
        long id;
        // The first batch waits for the write turn this test holds, so the cancel comes while it is under way.
        using (await gate.EnterAsync(TestRun.Ct))
        {
            id = await StartImportAsync(app, People(rows));
            await WaitForStateAsync(id, JobState.Running);
            Assert.IsType<JobOutcome.Done>(await app.Services.GetRequiredService<JobActions>().CancelAsync(TestUsers.Marketer(), id, TestRun.Ct));
        }

        var job = await WaitForStateAsync(id, JobState.Cancelled);
        Assert.Equal((ImportLimits.RowsPerBatch, (long)rows), (job.Processed, job.Total!.Value));
        Assert.Equal(ImportLimits.RowsPerBatch + 1, job.Position);   // the header is line 1
        Assert.Equal(ImportLimits.RowsPerBatch, (await ContactsAsync()).Count);
    }

    [Fact]
    public async Task An_import_interrupted_by_a_restart_says_how_far_it_got_resumes_without_duplicates_and_reruns_as_unchanged()
    {
        long[] badLines = [11, 2 * ImportLimits.RowsPerBatch + 100];
        var rows = 2 * ImportLimits.RowsPerBatch + 500;
        var first = StartApp();
        var gate = first.Services.GetRequiredService<IngestWriteGate>();
        var firstBatchDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IngestWriteGate.Turn? heldAfterFirstBatch = null;
        long id;
        using (await gate.EnterAsync(TestRun.Ct))
        {
            id = await StartImportAsync(first, People(rows, badLines));
            // As the first batch is recorded, the test takes the write turn: the second batch waits for it until the app stops.
            first.Services.GetRequiredService<JobProgressFeed>().Subscribe(id, progress =>
            {
                if (progress.Processed == 0 || heldAfterFirstBatch is not null) return;
                heldAfterFirstBatch = gate.EnterAsync(CancellationToken.None).GetAwaiter().GetResult();
                firstBatchDone.TrySetResult();
            });
        }
        await firstBatchDone.Task.WaitAsync(TimeSpan.FromSeconds(120), TestRun.Ct);
        await first.DisposeAsync();

        var second = StartApp();
        var interrupted = await WaitForStateAsync(id, JobState.Interrupted);
        // The first batch: its rows to be written, and the bad one read among them on line 11.
        Assert.Equal((ImportLimits.RowsPerBatch + 1L, ImportLimits.RowsPerBatch + 2L), (interrupted.Processed, interrupted.Position));

        Assert.IsType<JobOutcome.Done>(await second.Services.GetRequiredService<JobActions>().ResumeAsync(TestUsers.Marketer(), id, TestRun.Ct));

        var resumed = await WaitForStateAsync(id, JobState.Succeeded);
        Assert.Equal(((long)rows, (long)rows), (resumed.Processed, resumed.Total!.Value));
        // No row done twice: a redone row would count as unchanged.
        Assert.Equal(new Dictionary<string, long> { [JobCounters.Created] = rows - 2, [JobCounters.Failed] = 2 }, JobCounters.Read(resumed.Counters));
        var emails = (await ContactsAsync()).Select(c => c.Email).ToList();
        Assert.Equal(rows - 2, emails.Count);
        Assert.Equal(emails.Count, emails.Distinct().Count());
        var report = await ErrorReportAsync(second, id);
        Assert.Equal(badLines, report[1..].Select(l => long.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)));

        var rerun = await second.Services.GetRequiredService<JobActions>().RerunAsync(TestUsers.Marketer(), id, TestRun.Ct);
        var again = await WaitForStateAsync(Assert.IsType<JobOutcome.Done>(rerun).JobId, JobState.Succeeded);
        Assert.Equal(new Dictionary<string, long> { [JobCounters.Unchanged] = rows - 2, [JobCounters.Failed] = 2 }, JobCounters.Read(again.Counters));
        Assert.Equal(rows - 2, (await ContactsAsync()).Count);
    }

    [Fact]
    public async Task A_resumed_run_keeps_the_bad_rows_up_to_its_recorded_line_and_drops_those_of_a_batch_it_did_not_record()
    {
        var reports = database.Services.GetRequiredService<ImportErrorFiles>();
        await reports.PrepareAsync(7, resumeAfter: 0, TestRun.Ct);
        await reports.AppendAsync(7, [new ImportRowError(5, "Email", "bad", "Not an address.")], TestRun.Ct);
        // The app stopped after writing a batch's bad rows but before recording the batch (line 9 is past the job's position).
        await reports.AppendAsync(7, [new ImportRowError(9, "Phone", "=1+2", "Not a phone.")], TestRun.Ct);

        await reports.PrepareAsync(7, resumeAfter: 6, TestRun.Ct);
        await reports.AppendAsync(7, [new ImportRowError(9, "Phone", "=1+2", "Not a phone.")], TestRun.Ct);

        Assert.Equal([5L, 9L], reports.Read(7).Select(e => e.Line));
        await reports.PrepareAsync(7, resumeAfter: 0, TestRun.Ct);   // a run from the start begins an empty report
        Assert.Empty(reports.Read(7));
    }

    private async Task LogAsync(string address, EmailEventKind kind)
    {
        await using var db = database.NewContext();
        db.EmailEvents.Add(new EmailEvent
        {
            Address = address, Kind = kind, OccurredAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), Actor = "test",
            BlacklistReason = kind == EmailEventKind.BlacklistAdded ? BlacklistReason.Manual : null,
            BlacklistScope = kind == EmailEventKind.BlacklistAdded ? BlacklistScope.Local : null,
        });
        await db.SaveChangesAsync(TestRun.Ct);
    }
}
