using ContactsAdmin.Data;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.EmailStatuses;

[Trait(TestStore.Trait, TestStore.BothEngines)]
public class EmailStatusActionsTests : StoreTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private EmailStatusRecorder recorder = null!;
    private EmailStatusActions actions = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        recorder = new EmailStatusRecorder(Factory, EmailStatusRuleOptions.Default);
        actions = new EmailStatusActions(Factory, recorder, TestAuthorization.AppPolicies(), clock);
    }

    private async Task<Contact> ReloadAsync(long id)
    {
        await using var db = NewContext();
        return await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    [Fact]
    public async Task A_marketer_unsubscribes_an_address_on_the_contacts_request()
    {
        var contact = await Store.ContactAsync(c => c.Email = "olena@example.com");

        var outcome = await actions.UnsubscribeAsync("olena@example.com", null, TestUsers.Marketer(), Ct);

        Assert.IsType<EmailActionOutcome.Done>(outcome);
        var stored = await ReloadAsync(contact.Id);
        Assert.Equal(EmailStatus.Unsubscribed, stored.EmailStatus);
        Assert.StartsWith("Unsubscribed by marketer@example.com on the contact's request", stored.EmailStatusReason);
        await using var db = NewContext();
        var logged = await db.EmailEvents.SingleAsync(Ct);
        Assert.Equal((UnsubscribeReason.ByUserOnRequest, "marketer@example.com"), (logged.UnsubscribeReason, logged.Actor));
        Assert.Equal("marketer@example.com", (await db.AuditEntries.SingleAsync(Ct)).Actor);
    }

    [Fact]
    public async Task The_note_typed_with_an_unsubscribe_is_kept_on_the_event_and_in_the_reason()
    {
        await Store.ContactAsync(c => c.Email = "taras@example.com");

        var outcome = await actions.UnsubscribeAsync("taras@example.com", " asked by phone on 3 Dec ", TestUsers.Marketer(), Ct);

        Assert.EndsWith(": asked by phone on 3 Dec", Assert.IsType<EmailActionOutcome.Done>(outcome).State.Reason);
        await using var db = NewContext();
        Assert.Equal("asked by phone on 3 Dec", (await db.EmailEvents.SingleAsync(Ct)).Note);
    }

    [Fact]
    public async Task A_resubscribe_needs_a_consent_note_and_never_clears_a_blacklist()
    {
        var contact = await Store.ContactAsync(c => c.Email = "olena@example.com");
        await actions.UnsubscribeAsync("olena@example.com", null, TestUsers.Marketer(), Ct);
        await actions.BlacklistAsync("olena@example.com", "complained to support", TestUsers.Admin(), ct: Ct);

        var withoutConsent = await actions.ResubscribeAsync("olena@example.com", " ", TestUsers.Marketer(), Ct);
        var withConsent = await actions.ResubscribeAsync("olena@example.com", "asked by phone on 28 Nov", TestUsers.Marketer(), Ct);

        Assert.Contains("explicit consent", Assert.IsType<EmailActionOutcome.Refused>(withoutConsent).Reason);
        var state = Assert.IsType<EmailActionOutcome.Done>(withConsent).State;
        Assert.Equal(EmailStatus.Blacklisted, state.Status);
        Assert.DoesNotContain(state.Holding, h => h.Status == EmailStatus.Unsubscribed);
        Assert.Equal(EmailStatus.Blacklisted, (await ReloadAsync(contact.Id)).EmailStatus);
    }

    [Fact]
    public async Task Only_admins_manage_the_blacklist_and_viewers_change_nothing()
    {
        await Store.ContactAsync(c => c.Email = "olena@example.com");

        Assert.IsType<EmailActionOutcome.Refused>(await actions.BlacklistAsync("olena@example.com", "x", TestUsers.Marketer(), ct: Ct));
        Assert.IsType<EmailActionOutcome.Refused>(await actions.UnsubscribeAsync("olena@example.com", null, TestUsers.Viewer(), Ct));
        Assert.IsType<EmailActionOutcome.Refused>(await actions.RemoveFromBlacklistAsync("olena@example.com", "x", TestUsers.Marketer(), Ct));

        await using var db = NewContext();
        Assert.Empty(await db.EmailEvents.ToListAsync(Ct));
    }

    [Fact]
    public async Task Viewers_and_marketers_read_the_blacklist_but_may_neither_add_to_it_nor_remove_from_it()
    {
        var contact = await Store.ContactAsync(c => c.Email = "olena@example.com");
        Assert.IsType<EmailActionOutcome.Done>(await actions.BlacklistAsync("olena@example.com", "x", TestUsers.Admin(), ct: Ct));

        foreach (var user in new[] { TestUsers.Viewer(), TestUsers.Marketer() })
        {
            Assert.IsType<EmailActionOutcome.Refused>(await actions.BlacklistAsync("taras@example.com", "x", user, ct: Ct));
            Assert.IsType<EmailActionOutcome.Refused>(await actions.RemoveFromBlacklistAsync("olena@example.com", "x", user, Ct));
        }

        await using var db = NewContext();
        Assert.Single(await db.EmailEvents.ToListAsync(Ct));
        Assert.Equal(EmailStatus.Blacklisted, (await ReloadAsync(contact.Id)).EmailStatus);
    }

    [Fact]
    public async Task An_admin_blacklists_an_address_no_contact_has_yet_and_a_contact_taking_it_is_blacklisted()
    {
        var outcome = await actions.BlacklistAsync("Future@Example.com", "known bad actor", TestUsers.Admin(), ct: Ct);

        Assert.IsType<EmailActionOutcome.Done>(outcome);
        await using var db = NewContext();
        var entry = await db.BlacklistEntries.SingleAsync(Ct);
        Assert.Equal(("future@example.com", BlacklistReason.Manual, BlacklistScope.Local, "known bad actor", "admin@example.com"),
            (entry.Address, entry.Reason, entry.Scope, entry.Note, entry.AddedBy));
        Assert.IsType<EmailActionOutcome.Refused>(await actions.BlacklistAsync("future@example.com", "again", TestUsers.Admin(), ct: Ct));
    }

    [Fact]
    public async Task Removing_a_system_entry_first_says_why_it_was_added_and_then_needs_a_note()
    {
        var contact = await Store.ContactAsync(c => c.Email = "olena@example.com");
        await recorder.RecordAsync(new EmailEvent { Address = "olena@example.com", Kind = EmailEventKind.Unsubscribed, OccurredAt = clock.GetUtcNow().UtcDateTime.AddDays(-9), UnsubscribeReason = UnsubscribeReason.PreferenceCentre }, ct: Ct);
        await recorder.RecordAsync(new EmailEvent { Address = "olena@example.com", Kind = EmailEventKind.HardBounce, SmtpCode = "5.1.1", Diagnostic = "550 5.1.1 user unknown", OccurredAt = new DateTime(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc) }, ct: Ct);

        var whyAdded = await actions.WhySystemEntriesWereAddedAsync("olena@example.com", Ct);
        var withoutNote = await actions.RemoveFromBlacklistAsync("olena@example.com", "", TestUsers.Admin(), Ct);
        var confirmed = await actions.RemoveFromBlacklistAsync("olena@example.com", "mailbox exists again", TestUsers.Admin(), Ct);

        Assert.Equal("Added automatically on 3 Mar 2026 as Non-existent address: 550 5.1.1 user unknown.", whyAdded);
        Assert.IsType<EmailActionOutcome.Refused>(withoutNote);
        Assert.IsType<EmailActionOutcome.Done>(confirmed);
        Assert.Equal(EmailStatus.Unsubscribed, (await ReloadAsync(contact.Id)).EmailStatus);
        await using var db = NewContext();
        var entry = await db.BlacklistEntries.SingleAsync(Ct);
        Assert.Equal(("admin@example.com", "mailbox exists again"), (entry.RemovedBy, entry.RemovalNote));
    }

    [Fact]
    public async Task The_blacklist_lists_active_entries_newest_first_with_their_contact_and_filters_in_SQL()
    {
        var contact = await Store.ContactAsync(c => { c.FirstName = "Olena"; c.Email = "olena@example.com"; });
        await actions.BlacklistAsync("olena@example.com", "first", TestUsers.Admin(), ct: Ct);
        clock.Advance(TimeSpan.FromHours(1));
        await actions.BlacklistAsync("trap@spam.example", "second", TestUsers.Admin(), BlacklistReason.SpamTrap, Ct);
        clock.Advance(TimeSpan.FromHours(1));
        await actions.BlacklistAsync("gone@example.com", "third", TestUsers.Admin(), ct: Ct);
        await actions.RemoveFromBlacklistAsync("gone@example.com", null, TestUsers.Admin(), Ct);
        var queries = new BlacklistQueries(Factory);

        var active = await queries.ListAsync(new BlacklistFilter(), 0, Ct);
        var all = await queries.ListAsync(new BlacklistFilter(IncludeRemoved: true), 0, Ct);
        var traps = await queries.ListAsync(new BlacklistFilter(Reason: BlacklistReason.SpamTrap), 0, Ct);
        var searched = await queries.ListAsync(new BlacklistFilter(Search: "OLENA"), 0, Ct);

        Assert.Equal(["trap@spam.example", "olena@example.com"], active.Rows.Select(r => r.Entry.Address));
        Assert.Equal(3, all.TotalCount);
        Assert.Equal("trap@spam.example", Assert.Single(traps.Rows).Entry.Address);
        var row = Assert.Single(searched.Rows);
        Assert.Equal((contact.Id, "Olena"), (row.ContactId!.Value, row.ContactName));
        Assert.Null(active.Rows[0].ContactId);
    }
}
