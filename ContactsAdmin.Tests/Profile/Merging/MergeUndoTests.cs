using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.Contacts.Merging;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Merging;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Profile.Merging;

/// <summary>Undoing a merge: an exact restore within 30 days, and a clear refusal when something conflicts.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class MergeUndoTests : StoreTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero));

    private ContactMerging Merging => Services.GetRequiredService<ContactMerging>();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(clock);

    private async Task<(Contact Survivor, Contact Other, long RecordId)> MergedPairAsync(MergeChoices? choices = null)
    {
        var news = await Store.CategoryAsync("News " + Guid.NewGuid().ToString("N")[..6]);
        var survivor = await Store.ContactAsync(c => (c.FirstName, c.Email, c.City) = ("Taras", "taras@example.com", "Lviv"));
        var other = await Store.ContactAsync(c =>
        {
            (c.FirstName, c.LastName, c.Email, c.Phone) = ("Tara", "Shevchenko", "t.shevchenko@example.com", "+380671234567");
            c.Devices.Add(new ContactDevice { DeviceId = "undo-device", Platform = DevicePlatform.Android });
        });
        await Store.SubscribeAsync(other, news);
        await Store.ActivitiesAsync(other, new Activity { OccurredAt = DateTime.UtcNow, Channel = ActivityChannel.App, Name = "Opened" });
        await Merging.MergeAsync(TestUsers.Marketer(), survivor.Id, other.Id, choices ?? MergeChoices.Defaults, Ct);
        await using var db = NewContext();
        return (survivor, other, (await db.ContactMergeRecords.SingleAsync(r => r.MergedAwayId == other.Id, Ct)).Id);
    }

    [Fact]
    public async Task Undo_restores_both_contacts_exactly_as_they_were()
    {
        var news = await Store.CategoryAsync("News");
        var survivor = await Store.ContactAsync(c => (c.FirstName, c.Email, c.City) = ("Taras", "taras@example.com", "Lviv"));
        var other = await Store.ContactAsync(c =>
        {
            (c.FirstName, c.LastName, c.Email, c.Phone) = ("Tara", "Shevchenko", "t.shevchenko@example.com", "+380671234567");
            c.Devices.Add(new ContactDevice { DeviceId = "undo-device", Platform = DevicePlatform.Android });
        });
        await Store.SubscribeAsync(other, news);
        await Store.ActivitiesAsync(other, new Activity { OccurredAt = DateTime.UtcNow, Channel = ActivityChannel.App, Name = "Opened" });
        var before = await ContactRowsDump.OfAsync(Database, survivor.Id, other.Id);
        await Merging.MergeAsync(TestUsers.Marketer(), survivor.Id, other.Id,
            new MergeChoices(new Dictionary<FieldKey, MergeSide> { [ProfileFields.Email] = MergeSide.MergedAway }), Ct);
        long recordId;
        await using (var db = NewContext()) recordId = (await db.ContactMergeRecords.SingleAsync(Ct)).Id;

        var outcome = await Merging.UndoAsync(TestUsers.Admin(), recordId, Ct);

        Assert.Equal(new MergeOutcome.Done(survivor.Id, other.Id), outcome);
        Assert.Equal(before, await ContactRowsDump.OfAsync(Database, survivor.Id, other.Id));
        await using var check = NewContext();
        var record = await check.ContactMergeRecords.SingleAsync(Ct);
        Assert.Equal(("admin@example.com", clock.GetUtcNow().UtcDateTime), (record.UndoneBy, record.UndoneAt));
    }

    [Fact]
    public async Task Undo_is_refused_when_the_survivor_was_edited_after_the_merge_and_names_the_fields()
    {
        var (survivor, _, recordId) = await MergedPairAsync();
        var editor = Services.GetRequiredService<ContactEditor>();
        var (loaded, version, _) = (await editor.LoadAsync(survivor.Id, Ct))!.Value;
        var edited = loaded.Copy();
        edited[ProfileFields.City] = "Odesa";
        Assert.IsType<SaveOutcome.Saved>(await editor.SaveAsync(survivor.Id, version, loaded, edited, TestUsers.Marketer(), ct: Ct));

        var outcome = await Merging.UndoAsync(TestUsers.Admin(), recordId, Ct);

        var refused = Assert.IsType<MergeOutcome.Refused>(outcome);
        Assert.Contains("edited after the merge (City)", refused.Reason);
    }

    [Fact]
    public async Task Undo_is_refused_when_another_contact_now_holds_an_identifier_of_the_merged_away_contact()
    {
        var (_, _, recordId) = await MergedPairAsync();
        // The survivor kept its own email, so the merged-away contact's became free and someone else has it now.
        var holder = await Store.ContactAsync(c => c.Email = "t.shevchenko@example.com");

        var outcome = await Merging.UndoAsync(TestUsers.Admin(), recordId, Ct);

        var refused = Assert.IsType<MergeOutcome.Refused>(outcome);
        Assert.Contains("merged-away contact's email t.shevchenko@example.com now belongs to", refused.Reason);
        Assert.Contains($"#{holder.Id}", refused.Reason);
    }

    [Fact]
    public async Task Undo_is_refused_when_the_merged_away_contacts_id_is_taken()
    {
        var (_, other, recordId) = await MergedPairAsync();
        await Store.ContactAsync(c => c.Id = other.Id);

        var outcome = await Merging.UndoAsync(TestUsers.Admin(), recordId, Ct);

        Assert.Contains($"Contact ID {other.Id} is in use again", Assert.IsType<MergeOutcome.Refused>(outcome).Reason);
    }

    [Fact]
    public async Task Undo_is_refused_after_30_days_and_the_sweep_then_deletes_the_record()
    {
        var (_, _, recordId) = await MergedPairAsync();
        clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));

        var outcome = await Merging.UndoAsync(TestUsers.Admin(), recordId, Ct);

        Assert.Contains("The 30 days to undo this merge ended", Assert.IsType<MergeOutcome.Refused>(outcome).Reason);
        Assert.Equal(1, await Services.GetRequiredService<MergeRecordsSweep>().SweepAsync(Ct));
        await using var db = NewContext();
        Assert.False(await db.ContactMergeRecords.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_merge_is_undone_once()
    {
        var (_, _, recordId) = await MergedPairAsync();
        Assert.IsType<MergeOutcome.Done>(await Merging.UndoAsync(TestUsers.Admin(), recordId, Ct));

        var again = await Merging.UndoAsync(TestUsers.Admin(), recordId, Ct);

        Assert.Contains("already undone by admin@example.com", Assert.IsType<MergeOutcome.Refused>(again).Reason);
    }

    [Fact]
    public async Task The_card_lists_the_merge_with_what_blocks_its_undo()
    {
        var (survivor, other, _) = await MergedPairAsync();

        var merge = Assert.Single(await Merging.MergesIntoAsync(survivor.Id, Ct));

        Assert.Equal((other.Id, "Tara Shevchenko", "marketer@example.com", null), (merge.MergedAwayId, merge.MergedAwayName, merge.MergedBy, merge.UndoBlocker));
    }
}
