using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Bulk;
using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Contacts.Bulk;

/// <summary>
/// Who may start which bulk action is the registered policies' answer, asked on the server when the job is started:
/// a Marketer edits in bulk but neither blacklists nor deletes, a Viewer does neither, and an archived category takes
/// no one.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class BulkActionPolicyTests : StoreTest
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddContactsJobs();

    private BulkActionStarter Starter => Services.GetRequiredService<BulkActionStarter>();

    private async Task<int> JobsAsync()
    {
        await using var db = NewContext();
        return await db.BackgroundJobs.CountAsync(TestRun.Ct);
    }

    [Theory]
    [InlineData(BulkAction.Blacklist)]
    [InlineData(BulkAction.Delete)]
    public async Task A_marketer_cannot_blacklist_or_delete_in_bulk(BulkAction action)
    {
        var contact = await Store.ContactAsync(c => c.Email = "ann@example.com");

        var outcome = await Starter.StartAsync(TestUsers.Marketer(), action, BulkSelection.OfIds([contact.Id]), 1, null, TestRun.Ct);

        Assert.Contains("Only Admins", Assert.IsType<JobOutcome.Refused>(outcome).Reason);
        Assert.Equal(0, await JobsAsync());
    }

    [Theory]
    [InlineData(BulkAction.Blacklist)]
    [InlineData(BulkAction.Delete)]
    public async Task An_admin_may_blacklist_and_delete_in_bulk(BulkAction action)
    {
        var contact = await Store.ContactAsync(c => c.Email = "ann@example.com");

        var outcome = await Starter.StartAsync(TestUsers.Admin(), action, BulkSelection.OfIds([contact.Id]), 1, null, TestRun.Ct);

        Assert.IsType<JobOutcome.Done>(outcome);
        await using var db = NewContext();
        var job = await db.BackgroundJobs.SingleAsync(TestRun.Ct);
        Assert.Equal((BulkJobParameters.JobKind, "admin@example.com"), (job.Kind, job.StartedBy));
    }

    [Fact]
    public async Task A_marketer_adds_to_a_category_in_bulk_and_a_viewer_cannot()
    {
        var news = await Store.CategoryAsync("News");
        var selection = BulkSelection.AllMatching(new ContactFilter { Source = ContactSource.Import });

        var viewer = await Starter.StartAsync(TestUsers.Viewer(), BulkAction.AddToCategory, selection, 10, news.Id, TestRun.Ct);
        var marketer = await Starter.StartAsync(TestUsers.Marketer(), BulkAction.AddToCategory, selection, 10, news.Id, TestRun.Ct);

        Assert.IsType<JobOutcome.Refused>(viewer);
        Assert.IsType<JobOutcome.Done>(marketer);
        await using var db = NewContext();
        Assert.Equal("Add 10 contacts to News", (await db.BackgroundJobs.SingleAsync(TestRun.Ct)).Title);
    }

    [Fact]
    public async Task An_archived_category_takes_no_one_in_bulk()
    {
        var old = await Store.CategoryAsync("Old news");
        await using (var db = NewContext())
            await db.SubscriptionCategories.Where(c => c.Id == old.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ArchivedAt, DateTime.UtcNow), TestRun.Ct);
        var contact = await Store.ContactAsync();

        var outcome = await Starter.StartAsync(TestUsers.Marketer(), BulkAction.AddToCategory, BulkSelection.OfIds([contact.Id]), 1, old.Id, TestRun.Ct);

        Assert.Contains("archived", Assert.IsType<JobOutcome.Refused>(outcome).Reason);
        Assert.Equal(0, await JobsAsync());
    }

    [Fact]
    public async Task A_marketer_cannot_resume_or_rerun_an_admins_bulk_delete()
    {
        var contact = await Store.ContactAsync();
        var started = await Starter.StartAsync(TestUsers.Admin(), BulkAction.Delete, BulkSelection.OfIds([contact.Id]), 1, null, TestRun.Ct);
        var jobId = Assert.IsType<JobOutcome.Done>(started).JobId;
        await using (var db = NewContext())
            await db.BackgroundJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Interrupted), TestRun.Ct);
        var jobs = Services.GetRequiredService<JobActions>();

        var resume = await jobs.ResumeAsync(TestUsers.Marketer(), jobId, TestRun.Ct);
        var rerun = await jobs.RerunAsync(TestUsers.Marketer(), jobId, TestRun.Ct);

        Assert.IsType<JobOutcome.Refused>(resume);
        Assert.IsType<JobOutcome.Refused>(rerun);
        Assert.Equal(1, await JobsAsync());
        Assert.IsType<JobOutcome.Done>(await jobs.ResumeAsync(TestUsers.Admin(), jobId, TestRun.Ct));
    }
}
