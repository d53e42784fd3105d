using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Deleting;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Contacts;

/// <summary>Deleting a contact: what goes with it, what stays with its address, who may, and where it is recorded.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class ContactDeletionTests : StoreTest
{
    private ContactDeletion Deletion => Services.GetRequiredService<ContactDeletion>();

    private CustomFieldDefinition? club;
    private SubscriptionCategory? news;
    private int contacts;

    private async Task<Contact> ContactWithEverythingAsync(string email)
    {
        var phone = $"+38050111{++contacts:D4}";
        var contact = await Store.ContactAsync(c =>
        {
            (c.FirstName, c.LastName, c.Email, c.EmailNormalized, c.Phone, c.ExternalId) = ("Oksana", "Removed", email, email, phone, "ext-" + email);
            c.Devices.Add(new ContactDevice { DeviceId = "device-" + email, Platform = DevicePlatform.Android });
        });
        club ??= await Store.FieldAsync("club", CustomFieldType.Text);
        news ??= await Store.CategoryAsync("News");
        await Store.ValueAsync(contact, club, "Gold");
        await Store.SubscribeAsync(contact, news);
        await Store.ActivitiesAsync(contact,
            new Activity { OccurredAt = DateTime.UtcNow.AddDays(-1), Channel = ActivityChannel.Email, Name = "Spring sale", Status = MessageStatus.Delivered },
            new Activity { OccurredAt = DateTime.UtcNow, Channel = ActivityChannel.Website, Name = "PageViewed" });
        await using var db = NewContext();
        db.AuditEntries.Add(new AuditEntry { ContactId = contact.Id, OccurredAt = DateTime.UtcNow, Actor = "tests", Source = ChangeSource.User, Field = "First name", NewValue = "Oksana" });
        db.EmailEvents.Add(new EmailEvent { Address = email, ContactId = contact.Id, Kind = EmailEventKind.Unsubscribed, OccurredAt = DateTime.UtcNow.AddDays(-2) });
        await db.SaveChangesAsync(Ct);
        return contact;
    }

    [Fact]
    public async Task The_summary_names_the_contact_and_counts_what_goes_with_it()
    {
        var contact = await ContactWithEverythingAsync("counted@example.com");

        var summary = await Deletion.SummaryAsync(contact.Id, Ct);

        Assert.Equal(new ContactRemovalSummary(contact.Id, "Oksana Removed", Identifiers: 3, Devices: 1, Subscriptions: 1, CustomFieldValues: 1,
            Activities: 2, HistoryEntries: 1, EmailEvents: 1), summary);
    }

    [Fact]
    public async Task Deleting_removes_the_contact_and_what_belongs_to_it_and_keeps_the_addresss_email_events_unlinked()
    {
        var contact = await ContactWithEverythingAsync("gone@example.com");
        var other = await ContactWithEverythingAsync("stays@example.com");

        var deleted = await Deletion.DeleteAsync(TestUsers.Admin(), contact.Id, Ct);

        Assert.Equal("Oksana Removed", deleted?.DisplayName);
        await using var db = NewContext();
        Assert.False(await db.Contacts.AnyAsync(c => c.Id == contact.Id, Ct));
        Assert.False(await db.ContactDevices.AnyAsync(d => d.ContactId == contact.Id, Ct));
        Assert.False(await db.CustomFieldValues.AnyAsync(v => v.ContactId == contact.Id, Ct));
        Assert.False(await db.ContactSubscriptions.AnyAsync(s => s.ContactId == contact.Id, Ct));
        Assert.False(await db.Activities.AnyAsync(a => a.ContactId == contact.Id, Ct));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.ContactId == contact.Id, Ct));
        var kept = await db.EmailEvents.SingleAsync(e => e.Address == "gone@example.com", Ct);
        Assert.Null(kept.ContactId);
        // The other contact keeps everything.
        Assert.Equal(2, await db.Activities.CountAsync(a => a.ContactId == other.Id, Ct));
        Assert.Equal(1, await db.ContactDevices.CountAsync(d => d.ContactId == other.Id, Ct));
    }

    [Fact]
    public async Task Deleting_drops_the_duplicate_pairs_it_is_in_and_the_merges_it_survived_and_keeps_the_others()
    {
        var contact = await ContactWithEverythingAsync("paired@example.com");
        var (first, second) = (await ContactWithEverythingAsync("first@example.com"), await ContactWithEverythingAsync("second@example.com"));
        var now = DateTime.UtcNow;
        await using (var seed = NewContext())
        {
            seed.DuplicatePairs.AddRange(
                new DuplicatePair { FirstId = contact.Id, SecondId = first.Id, Reason = "Same name", Score = 60, FoundAt = now },
                new DuplicatePair { FirstId = first.Id, SecondId = contact.Id, Reason = "Same phone", Score = 50, FoundAt = now },
                new DuplicatePair { FirstId = first.Id, SecondId = second.Id, Reason = "Same city", Score = 40, FoundAt = now });
            seed.ContactMergeRecords.AddRange(
                new ContactMergeRecord { SurvivorId = contact.Id, MergedAwayId = 9001, MergedAt = now, MergedBy = "tests", UndoUntil = now.AddDays(30) },
                new ContactMergeRecord { SurvivorId = first.Id, MergedAwayId = 9002, MergedAt = now, MergedBy = "tests", UndoUntil = now.AddDays(30) });
            await seed.SaveChangesAsync(Ct);
        }

        await Deletion.DeleteAsync(TestUsers.Admin(), contact.Id, Ct);

        await using var db = NewContext();
        var pairs = await db.DuplicatePairs.Select(p => new { p.FirstId, p.SecondId }).ToListAsync(Ct);
        Assert.Equal([(first.Id, second.Id)], pairs.Select(p => (p.FirstId, p.SecondId)));
        Assert.Equal([first.Id], await db.ContactMergeRecords.Select(r => r.SurvivorId).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_deleted_contact_is_no_longer_found_by_the_grids_search_nor_counted()
    {
        var contact = await ContactWithEverythingAsync("searched@example.com");
        var queries = Services.GetRequiredService<ContactQueries>();
        var search = new ContactListQuery { Filter = ContactFilter.None with { Search = "searched@example" } };
        Assert.Equal(1, (await queries.ListAsync(search, Ct)).TotalCount);

        await Deletion.DeleteAsync(TestUsers.Admin(), contact.Id, Ct);

        var page = await queries.ListAsync(search, Ct);
        Assert.Empty(page.Rows);
        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public async Task The_audit_log_records_who_deleted_whom_and_when()
    {
        var contact = await ContactWithEverythingAsync("audited@example.com");

        await Deletion.DeleteAsync(TestUsers.Admin("boss@example.com"), contact.Id, Ct);

        await using var db = NewContext();
        var entry = await db.SettingsChanges.SingleAsync(c => c.Area == SettingsArea.Contact, Ct);
        Assert.Equal(("boss@example.com", $"Contact #{contact.Id}", ContactDeletion.Deleted), (entry.Actor, entry.Subject, entry.Action));
        Assert.Contains("Oksana Removed", entry.Before);
    }

    [Theory]
    [InlineData("marketer")]
    [InlineData("viewer")]
    public async Task Only_admins_may_delete_and_a_refusal_deletes_nothing(string role)
    {
        var contact = await ContactWithEverythingAsync($"kept-{role}@example.com");
        var user = role == "marketer" ? TestUsers.Marketer() : TestUsers.Viewer();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Deletion.DeleteAsync(user, contact.Id, Ct));

        await using var db = NewContext();
        Assert.True(await db.Contacts.AnyAsync(c => c.Id == contact.Id, Ct));
        Assert.False(await db.SettingsChanges.AnyAsync(c => c.Area == SettingsArea.Contact, Ct));
    }

    [Fact]
    public async Task Deleting_a_contact_that_is_not_there_says_so_and_records_nothing()
    {
        Assert.Null(await Deletion.DeleteAsync(TestUsers.Admin(), 987_654, Ct));

        await using var db = NewContext();
        Assert.False(await db.SettingsChanges.AnyAsync(c => c.Area == SettingsArea.Contact, Ct));
    }
}
