using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Merging;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Merging;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Profile.Merging;

/// <summary>The one merge mechanism, through the service a user's merge goes through, on a real store.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class ContactMergerTests : StoreTest
{
    private static readonly DateTime Earlier = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = new(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc);

    private ContactMerging Merging => Services.GetRequiredService<ContactMerging>();

    [Fact]
    public async Task Each_field_takes_the_chosen_side_and_otherwise_the_newer_non_empty_value()
    {
        var survivor = await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City, c.Street, c.LastEditAt) = ("Olena", "Koval", "Lviv", null, Earlier));
        var other = await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City, c.Street, c.Region, c.LastEditAt) = ("Olenka", "Kovalenko", "Kyiv", "Main 1", null, Later));

        var outcome = await Merging.MergeAsync(TestUsers.Marketer(), survivor.Id, other.Id,
            new MergeChoices(new Dictionary<FieldKey, MergeSide> { [ProfileFields.FirstName] = MergeSide.Survivor }), Ct);

        Assert.IsType<MergeOutcome.Done>(outcome);
        await using var db = NewContext();
        var merged = await db.Contacts.SingleAsync(c => c.Id == survivor.Id, Ct);
        Assert.Equal("Olena", merged.FirstName);          // chosen
        Assert.Equal("Kovalenko", merged.LastName);       // the newer contact's
        Assert.Equal("Kyiv", merged.City);                // the newer contact's
        Assert.Equal("Main 1", merged.Street);            // the only value
        Assert.Equal("marketer@example.com", merged.LastEditBy);
        Assert.False(await db.Contacts.AnyAsync(c => c.Id == other.Id, Ct));
    }

    [Fact]
    public async Task An_identifier_both_hold_stays_the_survivors_by_default_and_the_preview_says_which_is_dropped()
    {
        var survivor = await Store.ContactAsync(c => (c.Email, c.Phone, c.LastEditAt) = ("kept@example.com", "+380501110001", Earlier));
        var other = await Store.ContactAsync(c => (c.Email, c.Phone, c.LastEditAt) = ("dropped@example.com", null, Later));

        var preview = await Merging.PreviewAsync(survivor.Id, other.Id, Ct);
        var email = Assert.Single(preview!.Fields, f => f.Key == ProfileFields.Email);
        Assert.True(email.DropsOne);
        Assert.Equal(MergeSide.Survivor, email.Default);
        Assert.DoesNotContain(preview.Fields, f => f.Key == ProfileFields.Phone && f.DropsOne);

        await Merging.MergeAsync(TestUsers.Marketer(), survivor.Id, other.Id, MergeChoices.Defaults, Ct);
        await using var db = NewContext();
        var merged = await db.Contacts.SingleAsync(c => c.Id == survivor.Id, Ct);
        Assert.Equal(("kept@example.com", "+380501110001"), (merged.Email, merged.Phone));
    }

    [Fact]
    public async Task Taking_the_other_contacts_email_refolds_the_email_status_from_that_addresss_events()
    {
        var survivor = await Store.ContactAsync(c => c.Email = "active@example.com");
        var other = await Store.ContactAsync(c => (c.Email, c.EmailStatus) = ("gone@example.com", EmailStatus.Unsubscribed));
        await using (var seed = NewContext())
        {
            seed.EmailEvents.Add(new EmailEvent { Address = "gone@example.com", ContactId = other.Id, Kind = EmailEventKind.Unsubscribed, OccurredAt = Earlier });
            await seed.SaveChangesAsync(Ct);
        }

        await Merging.MergeAsync(TestUsers.Marketer(), survivor.Id, other.Id,
            new MergeChoices(new Dictionary<FieldKey, MergeSide> { [ProfileFields.Email] = MergeSide.MergedAway }), Ct);

        await using var db = NewContext();
        var merged = await db.Contacts.SingleAsync(c => c.Id == survivor.Id, Ct);
        Assert.Equal(("gone@example.com", EmailStatus.Unsubscribed), (merged.Email, merged.EmailStatus));
        Assert.Equal(survivor.Id, (await db.EmailEvents.SingleAsync(e => e.Address == "gone@example.com", Ct)).ContactId);
    }

    [Fact]
    public async Task Devices_activities_email_events_history_values_and_subscriptions_move_and_a_record_keeps_both_contacts()
    {
        var tier = await Store.FieldAsync("tier", CustomFieldType.Text);
        var (news, offers) = (await Store.CategoryAsync("News"), await Store.CategoryAsync("Offers"));
        var survivor = await Store.ContactAsync(c => (c.FirstName, c.LastEditAt) = ("Ivan", Earlier));
        var other = await Store.ContactAsync(c =>
        {
            (c.FirstName, c.Email, c.LastEditAt) = ("Ivan", "ivan@example.com", Later);
            c.Devices.Add(new ContactDevice { DeviceId = "phone-1", Platform = DevicePlatform.iOS });
        });
        await Store.ValueAsync(other, tier, "Gold");
        await Store.SubscribeAsync(survivor, news, subscribed: true);
        await Store.SubscribeAsync(other, offers, subscribed: true);
        await Store.ActivitiesAsync(survivor, new Activity { OccurredAt = Earlier, Channel = ActivityChannel.Website, Name = "Survivor's visit" });
        await Store.ActivitiesAsync(other, new Activity { OccurredAt = Later, Channel = ActivityChannel.Website, Name = "Other's visit" });
        await using (var seed = NewContext())
        {
            seed.AuditEntries.Add(new AuditEntry { ContactId = other.Id, OccurredAt = Earlier, Actor = "tests", Field = "First name", NewValue = "Ivan" });
            seed.EmailEvents.Add(new EmailEvent { Address = "ivan@example.com", ContactId = other.Id, Kind = EmailEventKind.Delivered, OccurredAt = Earlier });
            await seed.SaveChangesAsync(Ct);
        }

        await Merging.MergeAsync(TestUsers.Admin(), survivor.Id, other.Id, MergeChoices.Defaults, Ct);

        await using var db = NewContext();
        Assert.Equal(["Other's visit", "Survivor's visit"], await db.Activities.Where(a => a.ContactId == survivor.Id).Select(a => a.Name).OrderBy(n => n).ToListAsync(Ct));
        Assert.Equal("phone-1", (await db.ContactDevices.SingleAsync(d => d.ContactId == survivor.Id, Ct)).DeviceId);
        Assert.Equal("Gold", (await db.CustomFieldValues.SingleAsync(v => v.ContactId == survivor.Id, Ct)).TextValue);
        Assert.Equal(2, await db.ContactSubscriptions.CountAsync(s => s.ContactId == survivor.Id && s.IsSubscribed, Ct));
        Assert.Equal(survivor.Id, (await db.EmailEvents.SingleAsync(Ct)).ContactId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ContactId == survivor.Id && a.Field == "First name", Ct));
        var audit = await db.AuditEntries.SingleAsync(a => a.ContactId == survivor.Id && a.Field == ContactMerger.AuditField, Ct);
        Assert.Contains($"#{other.Id}", audit.OldValue);
        Assert.Contains("1 device(s), 1 activity(ies), 1 subscription(s), 1 email event(s)", audit.NewValue);

        var record = await db.ContactMergeRecords.SingleAsync(Ct);
        var merged = await db.Contacts.SingleAsync(c => c.Id == survivor.Id, Ct);
        Assert.Equal((survivor.Id, other.Id, "admin@example.com", merged.Version), (record.SurvivorId, record.MergedAwayId, record.MergedBy, record.SurvivorVersionAfterMerge));
        Assert.Equal(record.MergedAt + TimeSpan.FromDays(30), record.UndoUntil);
        var snapshot = MergeSnapshot.FromJson(record.Snapshot);
        Assert.Equal("ivan@example.com", snapshot.MergedAway.Text(nameof(Contact.Email)));
        Assert.Single(snapshot.MergedAway.CustomFieldValues);
        Assert.Single(snapshot.MergedAway.Subscriptions);
        Assert.Single(snapshot.Survivor.Subscriptions);
        Assert.Single(snapshot.Moved.Devices);
        Assert.Single(snapshot.Moved.Activities);
        Assert.Single(snapshot.Moved.EmailEvents);
        Assert.Single(snapshot.Moved.AuditEntries);
    }

    [Fact]
    public async Task Where_both_have_a_category_the_later_choice_wins()
    {
        var news = await Store.CategoryAsync("News");
        var survivor = await Store.ContactAsync();
        var other = await Store.ContactAsync();
        await using (var seed = NewContext())
        {
            seed.ContactSubscriptions.Add(new ContactSubscription { ContactId = survivor.Id, CategoryId = news.Id, IsSubscribed = true, Since = Earlier });
            seed.ContactSubscriptions.Add(new ContactSubscription { ContactId = other.Id, CategoryId = news.Id, IsSubscribed = false, Since = Later });
            await seed.SaveChangesAsync(Ct);
        }

        await Merging.MergeAsync(TestUsers.Marketer(), survivor.Id, other.Id, MergeChoices.Defaults, Ct);

        await using var db = NewContext();
        var subscription = await db.ContactSubscriptions.SingleAsync(Ct);
        Assert.Equal((survivor.Id, false, Later), (subscription.ContactId, subscription.IsSubscribed, subscription.Since));
    }

    [Fact]
    public async Task A_viewer_may_not_merge()
    {
        var (a, b) = (await Store.ContactAsync(), await Store.ContactAsync());

        var outcome = await Merging.MergeAsync(TestUsers.Viewer(), a.Id, b.Id, MergeChoices.Defaults, Ct);

        Assert.Equal(new MergeOutcome.Refused(ContactMerging.NotAllowed), outcome);
        await using var db = NewContext();
        Assert.Equal(2, await db.Contacts.CountAsync(Ct));
    }
}
