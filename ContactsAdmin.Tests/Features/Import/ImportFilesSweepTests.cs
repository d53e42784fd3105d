using System.Text;
using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Import;

/// <summary>The import folder keeps an upload while an import may still resume or rerun from it, and no longer.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class ImportFilesSweepTests : StoreTest
{
    private readonly TemporaryFolder folder = new();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        folder.Dispose();
    }

    private ImportUploads Uploads => new(new ImportFilesOptions { FilesDirectory = folder.Path }, StoreEngine.For(TestStore.Provider).FileOf(Database.ConnectionString));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<string> UploadAsync(TimeSpan age)
    {
        var upload = await Uploads.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("Email\nx@example.com\n")), "list.csv", Ct);
        File.SetLastWriteTimeUtc(Path.Combine(Uploads.Folder, upload.Id + ".csv"), Now - age);
        return upload.Id;
    }

    private async Task JobAsync(string uploadId, JobState state, TimeSpan ranAgo)
    {
        var parameters = new ImportJobParameters(uploadId, "list.csv", 65001, ',', true, ["Email"], """{"Email":"Email"}""", new ImportOptions());
        var ran = Now - ranAgo;
        await using var db = NewContext();
        db.BackgroundJobs.Add(new BackgroundJob
        {
            Kind = ImportJobParameters.JobKind, Title = "list.csv", StartedBy = "admin@example.com", State = state,
            QueuedAt = ran.AddMinutes(-1), StartedAt = ran.AddMinutes(-1),
            FinishedAt = state is JobState.Succeeded or JobState.Failed or JobState.Cancelled ? ran : null,
            Parameters = JsonSerializer.Serialize(parameters),
        });
        await db.SaveChangesAsync(Ct);
    }

    private Task<IReadOnlyList<string>> SweepAsync(int keepDays = 30) =>
        new ImportFilesSweep(Factory, Uploads, new ImportFilesOptions { FilesDirectory = folder.Path, KeepDays = keepDays }, clock,
            NullLogger<ImportFilesSweep>.Instance).SweepAsync(Ct);

    [Fact]
    public async Task A_file_whose_imports_last_ran_longer_ago_than_the_kept_days_is_deleted_and_a_recent_one_kept()
    {
        var old = await UploadAsync(TimeSpan.FromDays(40));
        await JobAsync(old, JobState.Succeeded, TimeSpan.FromDays(31));
        var recent = await UploadAsync(TimeSpan.FromDays(40));
        await JobAsync(recent, JobState.Succeeded, TimeSpan.FromDays(35));
        await JobAsync(recent, JobState.Failed, TimeSpan.FromDays(29));   // rerun a month later: kept for its own 30 days

        var deleted = await SweepAsync();

        Assert.Equal([old], deleted);
        Assert.False(Uploads.Exists(old));
        Assert.True(Uploads.Exists(recent));
    }

    [Theory]
    [InlineData(JobState.Running)]
    [InlineData(JobState.Queued)]
    public async Task A_file_an_import_is_still_reading_or_waiting_for_is_kept_whatever_its_age(JobState state)
    {
        var busy = await UploadAsync(TimeSpan.FromDays(400));
        await JobAsync(busy, state, TimeSpan.FromDays(100));

        Assert.Empty(await SweepAsync());
        Assert.True(Uploads.Exists(busy));
    }

    [Fact]
    public async Task An_interrupted_import_keeps_its_file_for_the_kept_days_after_it_last_ran_so_it_can_resume()
    {
        var interrupted = await UploadAsync(TimeSpan.FromDays(10));
        await JobAsync(interrupted, JobState.Interrupted, TimeSpan.FromDays(10));

        Assert.Empty(await SweepAsync(keepDays: 30));
        Assert.Equal([interrupted], await SweepAsync(keepDays: 7));
    }

    [Fact]
    public async Task An_upload_no_import_was_started_with_goes_a_day_after_it_was_stored()
    {
        var left = await UploadAsync(TimeSpan.FromDays(2));
        var fresh = await UploadAsync(TimeSpan.FromHours(2));

        Assert.Equal([left], await SweepAsync());
        Assert.True(Uploads.Exists(fresh));
    }
}
