using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Activities;

[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ActivityRecorderTests : StoreTest
{
    private static readonly DateTime When = new(2026, 3, 3, 10, 15, 0, DateTimeKind.Utc);
    private ActivityRecorder recorder = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        recorder = new ActivityRecorder(Factory, new EmailStatusRecorder(Factory, EmailStatusRuleOptions.Default));
    }

    [Fact]
    public async Task The_same_event_key_recorded_twice_is_stored_once()
    {
        var contact = await Store.ContactAsync();
        var input = new ActivityInput(contact.Id, When, ActivityChannel.Website, "AddToCart", EventKey: "order-17-cart");

        var first = await recorder.RecordAsync(input, Ct);
        var second = await recorder.RecordAsync(input with { Name = "Changed" }, Ct);

        Assert.True(first.Created);
        Assert.Equal(new RecordedActivity(first.Id, Created: false), second);
        await using var db = NewContext();
        Assert.Equal("AddToCart", (await db.Activities.SingleAsync(Ct)).Name);
    }

    [Fact]
    public async Task Parallel_recordings_of_one_event_key_store_one_activity()
    {
        var contact = await Store.ContactAsync();
        var input = new ActivityInput(contact.Id, When, ActivityChannel.App, "AppOpened", EventKey: "open-1");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => recorder.RecordAsync(input, Ct), Ct)));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Id).Distinct());
        await using var db = NewContext();
        Assert.Equal(1, await db.Activities.CountAsync(Ct));
    }

    [Fact]
    public async Task A_deleted_contact_s_event_keys_may_be_recorded_again()
    {
        var gone = await Store.ContactAsync();
        var stays = await Store.ContactAsync();
        var input = new ActivityInput(gone.Id, When, ActivityChannel.Website, "AddToCart", EventKey: "order-18-cart");
        await recorder.RecordAsync(input, Ct);
        var kept = await recorder.RecordAsync(input with { ContactId = stays.Id, EventKey = "order-18-paid" }, Ct);

        await using (var db = NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await StoreEngine.Of(db).Identifiers.DeleteContactAsync(db, gone.Id, Ct);
            await transaction.CommitAsync(Ct);
        }
        var again = await recorder.RecordAsync(input with { ContactId = stays.Id }, Ct);

        // Its activity went with it, and with the activity its key: the event is news again. The other contact's key holds.
        Assert.True(again.Created);
        Assert.Equal(new RecordedActivity(kept.Id, Created: false), await recorder.RecordAsync(input with { ContactId = stays.Id, EventKey = "order-18-paid" }, Ct));
        await using var check = NewContext();
        Assert.Equal([stays.Id, stays.Id], await check.Activities.Select(a => a.ContactId).ToListAsync(Ct));
    }

    [Fact]
    public async Task An_email_undelivered_with_a_hard_bounce_5_1_1_makes_the_email_status_blacklisted()
    {
        var contact = await Store.ContactAsync(c => c.Email = "olena@example.com");

        await recorder.RecordAsync(new ActivityInput(contact.Id, When, ActivityChannel.Email, "Spring sale", MessageStatus.Undelivered,
            Bounce: new MessageBounce(IsHard: true, "5.1.1", "550 5.1.1 user unknown")), Ct);

        await using var db = NewContext();
        var stored = await db.Contacts.SingleAsync(c => c.Id == contact.Id, Ct);
        Assert.Equal((EmailStatus.Blacklisted, BlacklistReason.NonExistentAddress), (stored.EmailStatus, stored.BlacklistReason));
        var emailEvent = await db.EmailEvents.SingleAsync(Ct);
        Assert.Equal((EmailEventKind.HardBounce, "Spring sale", When), (emailEvent.Kind, emailEvent.MessageName, emailEvent.OccurredAt));
        Assert.Equal(1, await db.Activities.CountAsync(Ct));
    }

    [Theory]
    [InlineData(MessageStatus.Unsubscribed, EmailStatus.Unsubscribed)]
    [InlineData(MessageStatus.Spam, EmailStatus.ReportedSpam)]
    [InlineData(MessageStatus.Clicked, EmailStatus.Active)]
    public async Task Email_message_statuses_feed_the_email_status(MessageStatus status, EmailStatus expected)
    {
        var contact = await Store.ContactAsync(c => c.Email = "olena@example.com");

        await recorder.RecordAsync(new ActivityInput(contact.Id, When, ActivityChannel.Email, "Newsletter", status), Ct);

        await using var db = NewContext();
        Assert.Equal(expected, (await db.Contacts.SingleAsync(c => c.Id == contact.Id, Ct)).EmailStatus);
    }

    [Fact]
    public async Task A_push_message_status_does_not_touch_the_email_status()
    {
        var contact = await Store.ContactAsync(c => c.Email = "olena@example.com");

        await recorder.RecordAsync(new ActivityInput(contact.Id, When, ActivityChannel.MobilePush, "Spring sale", MessageStatus.Undelivered), Ct);

        await using var db = NewContext();
        Assert.Empty(await db.EmailEvents.ToListAsync(Ct));
    }

    [Fact]
    public async Task A_bounce_is_kept_in_the_activity_details_beside_what_the_caller_sent()
    {
        var contact = await Store.ContactAsync(c => c.Email = "olena@example.com");

        var recorded = await recorder.RecordAsync(new ActivityInput(contact.Id, When, ActivityChannel.Email, "Spring sale", MessageStatus.Undelivered,
            Details: """{"campaignId":"c-17"}""", Bounce: new MessageBounce(IsHard: true, "5.1.1", "550 5.1.1 user unknown")), Ct);

        await using var db = NewContext();
        var details = ActivityDetails.Parse((await db.Activities.SingleAsync(a => a.Id == recorded.Id, Ct)).Details);
        Assert.Equal(("hard", "5.1.1", "550 5.1.1 user unknown"), (details.BounceType, details.SmtpCode, details.Diagnostic));
        Assert.Equal([KeyValuePair.Create("campaignId", "c-17")], details.Parameters);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("not json", "not json")]
    [InlineData("""["a list"]""", """["a list"]""")]
    public void Details_without_a_bounce_or_that_are_not_an_object_stay_as_given(string? given, string? expected)
    {
        var withoutBounce = new ActivityInput(1, When, ActivityChannel.Email, "Spring sale", MessageStatus.Delivered, Details: given);
        var notAnObject = withoutBounce with { Status = MessageStatus.Undelivered, Bounce = new MessageBounce(false, "4.2.2", null) };

        Assert.Equal(expected, ActivityRecorder.DetailsWithBounce(withoutBounce));
        if (given is not null) Assert.Equal(expected, ActivityRecorder.DetailsWithBounce(notAnObject));
    }
}
