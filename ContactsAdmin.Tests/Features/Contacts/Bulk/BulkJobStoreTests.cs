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
/// Each bulk action run by its job handler on a real SQLite store: what it changes, what it counts as left alone and
/// why, the audit entry each changed contact gets, and a job resumed from its position doing no contact twice.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class BulkJobStoreTests : StoreTest
{
    private const string StartedBy = "marketer@example.com";

    protected override void ConfigureServices(IServiceCollection services) => services.AddContactsJobs();

    /// <summary>Runs a bulk job as the runner does, from <paramref name="position"/> (a resumed job), and returns how it ended.</summary>
    private async Task<JobContext> RunAsync(BulkJobParameters parameters, long position = 0)
    {
        var row = new BackgroundJob
        {
            Id = 41, Kind = BulkJobParameters.JobKind, Title = "Bulk", StartedBy = StartedBy, State = JobState.Running,
            Parameters = System.Text.Json.JsonSerializer.Serialize(parameters), Position = position,
        };
        var job = new JobContext(row, _ => Task.CompletedTask, () => false);
        await using var scope = Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<IJobHandler>().Single(h => h.Kind == BulkJobParameters.JobKind);
        await handler.RunAsync(job, TestRun.Ct);
        return job;
    }

    private static BulkJobParameters Add(SubscriptionCategory category, params Contact[] contacts) =>
        new(BulkAction.AddToCategory, BulkSelection.OfIds(contacts.Select(c => c.Id)), category.Id);

    private async Task<Dictionary<long, bool>> SubscribedAsync(SubscriptionCategory category)
    {
        await using var db = NewContext();
        return await db.ContactSubscriptions.Where(s => s.CategoryId == category.Id).ToDictionaryAsync(s => s.ContactId, s => s.IsSubscribed, TestRun.Ct);
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = NewContext();
        return await db.AuditEntries.OrderBy(a => a.ContactId).ToListAsync(TestRun.Ct);
    }

    [Fact]
    public async Task Add_to_category_subscribes_the_others_and_counts_those_already_in_it()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var (never, unsubscribed, subscribed) = (await Store.ContactAsync(), await Store.ContactAsync(), await Store.ContactAsync());
        await Store.SubscribeAsync(unsubscribed, newsletter, subscribed: false);
        await Store.SubscribeAsync(subscribed, newsletter);

        var job = await RunAsync(Add(newsletter, never, unsubscribed, subscribed));

        Assert.Equal(new Dictionary<string, long> { ["updated"] = 2, [BulkOutcomes.AlreadyInCategory] = 1 }, job.Counters);
        Assert.Equal((3L, 3L), (job.Total!.Value, job.Processed));
        Assert.Equal(new Dictionary<long, bool> { [never.Id] = true, [unsubscribed.Id] = true, [subscribed.Id] = true }, await SubscribedAsync(newsletter));
        var audit = await AuditAsync();
        Assert.Equal([(never.Id, "Not subscribed"), (unsubscribed.Id, "Unsubscribed")], audit.Select(a => (a.ContactId, a.OldValue!)));
        Assert.All(audit, a =>
        {
            Assert.Equal(("Subscription: Newsletter", "Subscribed", ChangeSource.User), (a.Field, a.NewValue, a.Source));
            Assert.Equal($"{StartedBy} (bulk add to category, job #41)", a.Actor);
        });
        await using var db = NewContext();
        Assert.Equal($"{StartedBy} (bulk add to category, job #41)", (await db.Contacts.SingleAsync(c => c.Id == never.Id, TestRun.Ct)).LastEditBy);
        Assert.Null((await db.Contacts.SingleAsync(c => c.Id == subscribed.Id, TestRun.Ct)).LastEditBy);
    }

    [Fact]
    public async Task All_matching_a_filter_is_the_filter_read_when_the_job_runs()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var imported = await Store.ContactAsync(c => c.Source = ContactSource.Import);
        var fromApi = await Store.ContactAsync(c => c.Source = ContactSource.Api);
        var selection = BulkSelection.AllMatching(new ContactFilter { Source = ContactSource.Import });
        // Imported after the selection was made: still matching when the job reads the filter.
        var importedLater = await Store.ContactAsync(c => c.Source = ContactSource.Import);

        var job = await RunAsync(new BulkJobParameters(BulkAction.AddToCategory, selection, newsletter.Id));

        Assert.Equal(new Dictionary<long, bool> { [imported.Id] = true, [importedLater.Id] = true }, await SubscribedAsync(newsletter));
        Assert.DoesNotContain(fromApi.Id, (await SubscribedAsync(newsletter)).Keys);
        Assert.Equal(2L, job.Total);
    }

    [Fact]
    public async Task Remove_from_category_unsubscribes_those_in_it_and_counts_the_rest()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var (member, outsider) = (await Store.ContactAsync(), await Store.ContactAsync());
        await Store.SubscribeAsync(member, newsletter);

        var job = await RunAsync(new BulkJobParameters(BulkAction.RemoveFromCategory, BulkSelection.OfIds([member.Id, outsider.Id]), newsletter.Id));

        Assert.Equal(new Dictionary<string, long> { ["updated"] = 1, [BulkOutcomes.NotInCategory] = 1 }, job.Counters);
        Assert.Equal(new Dictionary<long, bool> { [member.Id] = false }, await SubscribedAsync(newsletter));
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal((member.Id, "Subscription: Newsletter", "Subscribed", "Unsubscribed"), (entry.ContactId, entry.Field, entry.OldValue, entry.NewValue));
    }

    [Fact]
    public async Task Unsubscribe_records_the_event_the_card_records_and_refolds_the_status()
    {
        var active = await Store.ContactAsync(c => c.Email = "ann@example.com");
        var noEmail = await Store.ContactAsync();
        var already = await Store.ContactAsync(c => (c.Email, c.EmailStatus) = ("bob@example.com", EmailStatus.Unsubscribed));

        var job = await RunAsync(new BulkJobParameters(BulkAction.Unsubscribe, BulkSelection.OfIds([active.Id, noEmail.Id, already.Id]), null));

        Assert.Equal(new Dictionary<string, long>
        {
            ["updated"] = 1, [BulkOutcomes.NoEmailAddress] = 1, [BulkOutcomes.AlreadyUnsubscribed] = 1,
        }, job.Counters);
        await using var db = NewContext();
        Assert.Equal(EmailStatus.Unsubscribed, (await db.Contacts.SingleAsync(c => c.Id == active.Id, TestRun.Ct)).EmailStatus);
        var emailEvent = Assert.Single(await db.EmailEvents.ToListAsync(TestRun.Ct));
        Assert.Equal(("ann@example.com", EmailEventKind.Unsubscribed, "Bulk unsubscribe, job #41"), (emailEvent.Address, emailEvent.Kind, emailEvent.Note));
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal((active.Id, "Email status", "Active", "Unsubscribed", $"{StartedBy} (bulk unsubscribe, job #41)"),
            (entry.ContactId, entry.Field, entry.OldValue, entry.NewValue, entry.Actor));
    }

    [Fact]
    public async Task Blacklist_adds_a_local_entry_per_address_and_counts_those_already_listed()
    {
        var fresh = await Store.ContactAsync(c => c.Email = "ann@example.com");
        var listed = await Store.ContactAsync(c => c.Email = "bob@example.com");
        await using (var db = NewContext())
        {
            db.BlacklistEntries.Add(new BlacklistEntry { Address = "bob@example.com", Reason = BlacklistReason.SpamTrap, Scope = BlacklistScope.System, AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(TestRun.Ct);
        }

        var job = await RunAsync(new BulkJobParameters(BulkAction.Blacklist, BulkSelection.OfIds([fresh.Id, listed.Id]), null));

        Assert.Equal(new Dictionary<string, long> { ["updated"] = 1, [BulkOutcomes.AlreadyBlacklisted] = 1 }, job.Counters);
        await using var check = NewContext();
        var entry = await check.BlacklistEntries.SingleAsync(b => b.Address == "ann@example.com", TestRun.Ct);
        Assert.Equal((BlacklistReason.Manual, BlacklistScope.Local, (DateTime?)null), (entry.Reason, entry.Scope, entry.RemovedAt));
        Assert.Equal(EmailStatus.Blacklisted, (await check.Contacts.SingleAsync(c => c.Id == fresh.Id, TestRun.Ct)).EmailStatus);
    }

    [Fact]
    public async Task Delete_removes_each_contact_and_records_it_in_the_audit_log_with_the_job()
    {
        var (first, second) = (await Store.ContactAsync(c => c.FirstName = "Ann"), await Store.ContactAsync(c => c.FirstName = "Bob"));

        var job = await RunAsync(new BulkJobParameters(BulkAction.Delete, BulkSelection.OfIds([first.Id, second.Id]), null));

        Assert.Equal(new Dictionary<string, long> { [BulkOutcomes.Deleted] = 2 }, job.Counters);
        await using var db = NewContext();
        Assert.False(await db.Contacts.AnyAsync(TestRun.Ct));
        var changes = await db.SettingsChanges.Where(c => c.Area == SettingsArea.Contact).ToListAsync(TestRun.Ct);
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Equal($"{StartedBy} (bulk delete, job #41)", c.Actor));
    }

    [Fact]
    public async Task A_resumed_job_goes_on_after_its_position_and_does_not_redo_earlier_contacts()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        var contacts = new List<Contact>();
        for (var i = 0; i < 4; i++) contacts.Add(await Store.ContactAsync());

        // The run before finished the first two contacts' batch, then the app stopped.
        var job = await RunAsync(Add(newsletter, [.. contacts]), position: contacts[1].Id);

        Assert.Equal([contacts[2].Id, contacts[3].Id], (await SubscribedAsync(newsletter)).Keys.Order());
        Assert.Equal(new Dictionary<string, long> { ["updated"] = 2 }, job.Counters);
        Assert.Equal(contacts[3].Id, job.Position);
        Assert.Equal([contacts[2].Id, contacts[3].Id], (await AuditAsync()).Select(a => a.ContactId));
    }

    [Fact]
    public async Task A_batch_ends_at_the_batch_size_and_the_next_starts_after_its_last_contact()
    {
        var newsletter = await Store.CategoryAsync("Newsletter");
        for (var i = 0; i < 3; i++) await Store.ContactAsync(c => c.Source = ContactSource.Import);
        await using var db = NewContext();
        var all = BulkSelection.AllMatching(new ContactFilter { Source = ContactSource.Import });

        var first = await BulkSelectionReader.NextBatchAsync(db, all, afterId: 0, size: 2, TestRun.Ct);
        var rest = await BulkSelectionReader.NextBatchAsync(db, all, afterId: first[^1], size: 2, TestRun.Ct);

        Assert.Equal(2, first.Count);
        Assert.Single(rest);
        Assert.True(rest[0] > first[1]);
    }
}
