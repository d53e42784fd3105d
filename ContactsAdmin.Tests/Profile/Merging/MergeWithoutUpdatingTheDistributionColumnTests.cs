using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Merging;
using ContactsAdmin.Profile.Merging;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ContactsAdmin.Tests.Profile.Merging;

/// <summary>
/// A merge and its undo on PostgreSQL never update the contact id of a contact's own rows (docs/scale-out.md item 5):
/// on Citus that is the distribution column, which cannot be updated. Every PostgreSQL test database refuses such an
/// update as Citus would (<see cref="CitusDistributionRule"/>), and the merge and the undo still move every row (keeping
/// its id) and restore both contacts exactly.
/// </summary>
[Trait(TestStore.Trait, TestStore.PostgreSqlOnly)]
public sealed class MergeWithoutUpdatingTheDistributionColumnTests() : PostgreSqlStoreTest("Citus's rule is emulated on PostgreSQL")
{
    private ContactMerging Merging => Services.GetRequiredService<ContactMerging>();

    [Fact]
    public async Task The_refusal_is_real_an_update_of_the_contact_id_fails()
    {
        var (first, second) = (await Store.ContactAsync(), await Store.ContactAsync());
        await Store.ActivitiesAsync(first, new Activity { OccurredAt = DateTime.UtcNow, Channel = ActivityChannel.App, Name = "Opened" });
        await using var db = NewContext();

        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Activities.Where(a => a.ContactId == first.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ContactId, second.Id), Ct));

        Assert.Contains(CitusDistributionRule.Refusal, refused.MessageText);
    }

    [Fact]
    public async Task A_merge_moves_every_row_keeping_its_id_and_its_undo_restores_both_contacts_exactly()
    {
        var news = await Store.CategoryAsync("News");
        var survivor = await Store.ContactAsync(c => (c.FirstName, c.Email) = ("Taras", "taras@example.com"));
        var other = await Store.ContactAsync(c =>
        {
            (c.FirstName, c.Email, c.Phone) = ("Tara", "t.shevchenko@example.com", "+380671234567");
            c.Devices.Add(new ContactDevice { DeviceId = "citus-device", PushToken = "citus-token", Platform = DevicePlatform.Android });
        });
        await Store.SubscribeAsync(other, news);
        await Store.ActivitiesAsync(other,
            new Activity { OccurredAt = DateTime.UtcNow, Channel = ActivityChannel.App, Name = "Opened", EventKey = "open-citus-1" },
            new Activity { OccurredAt = DateTime.UtcNow, Channel = ActivityChannel.Website, Name = "PageViewed" });
        await using (var seed = NewContext())
        {
            seed.AuditEntries.Add(new AuditEntry { ContactId = other.Id, OccurredAt = DateTime.UtcNow, Actor = "tests", Field = "First name", NewValue = "Tara" });
            await seed.SaveChangesAsync(Ct);
        }
        var before = await ContactRowsDump.OfAsync(Database, survivor.Id, other.Id);
        List<long> activityIds;
        await using (var db = NewContext()) activityIds = await db.Activities.Where(a => a.ContactId == other.Id).Select(a => a.Id).OrderBy(id => id).ToListAsync(Ct);

        var merged = await Merging.MergeAsync(TestUsers.Marketer(), survivor.Id, other.Id, MergeChoices.Defaults, Ct);

        Assert.IsType<MergeOutcome.Done>(merged);
        await using (var db = NewContext())
        {
            Assert.Equal(activityIds, await db.Activities.Where(a => a.ContactId == survivor.Id).Select(a => a.Id).OrderBy(id => id).ToListAsync(Ct));
            Assert.Equal("citus-device", (await db.ContactDevices.SingleAsync(d => d.ContactId == survivor.Id, Ct)).DeviceId);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.ContactId == survivor.Id && a.Field == "First name", Ct));
            Assert.False(await db.Activities.AnyAsync(a => a.ContactId == other.Id, Ct));
        }
        long recordId;
        await using (var db = NewContext()) recordId = (await db.ContactMergeRecords.SingleAsync(Ct)).Id;

        var undone = await Merging.UndoAsync(TestUsers.Admin(), recordId, Ct);

        Assert.Equal(new MergeOutcome.Done(survivor.Id, other.Id), undone);
        Assert.Equal(before, await ContactRowsDump.OfAsync(Database, survivor.Id, other.Id));
    }
}
