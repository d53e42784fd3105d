using ContactsAdmin.Data;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Tests.Infrastructure;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.EmailStatuses;

[Trait(TestStore.Trait, TestStore.BothEngines)]
public class EmailStatusRecorderTests : StoreTest
{
    private static readonly DateTime Start = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private EmailStatusRecorder recorder = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        recorder = new EmailStatusRecorder(Factory, EmailStatusRuleOptions.Default);
    }

    private async Task<Contact> ReloadAsync(long id)
    {
        await using var db = NewContext();
        return await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    [Fact]
    public async Task A_hard_bounce_updates_the_contact_and_adds_a_system_blacklist_entry_in_one_go()
    {
        var contact = await Store.ContactAsync(c => c.Email = "olena@example.com");

        await recorder.RecordAsync(new EmailEvent
        {
            Address = "Olena@Example.com", Kind = EmailEventKind.HardBounce, OccurredAt = Start, SmtpCode = "5.1.1",
            MessageName = "Spring sale", Diagnostic = "550 5.1.1 user unknown",
        }, ct: Ct);

        var stored = await ReloadAsync(contact.Id);
        Assert.Equal((EmailStatus.Blacklisted, BlacklistReason.NonExistentAddress, BlacklistScope.System, Start),
            (stored.EmailStatus, stored.BlacklistReason, stored.BlacklistScope, stored.EmailStatusSince));
        Assert.Contains("Spring sale", stored.EmailStatusReason);
        await using var db = NewContext();
        var entry = await db.BlacklistEntries.SingleAsync(Ct);
        Assert.Equal(("olena@example.com", BlacklistReason.NonExistentAddress, BlacklistScope.System, (DateTime?)null),
            (entry.Address, entry.Reason, entry.Scope, entry.RemovedAt));
        var logged = await db.EmailEvents.SingleAsync(Ct);
        Assert.Equal(contact.Id, logged.ContactId);
    }

    [Fact]
    public async Task Removing_a_blacklist_entry_keeps_its_history_and_derives_the_status_from_what_remains()
    {
        var contact = await Store.ContactAsync(c => c.Email = "olena@example.com");
        await recorder.RecordAsync(new EmailEvent { Address = "olena@example.com", Kind = EmailEventKind.Unsubscribed, OccurredAt = Start, UnsubscribeReason = UnsubscribeReason.UnsubscribeLink }, ct: Ct);
        await recorder.RecordAsync(new EmailEvent { Address = "olena@example.com", Kind = EmailEventKind.BlacklistAdded, OccurredAt = Start.AddDays(1), BlacklistReason = BlacklistReason.Manual, BlacklistScope = BlacklistScope.Local, Actor = "admin@example.com", Note = "asked by legal" },
            new EmailEventActor("admin@example.com", ChangeSource.User), Ct);
        Assert.Equal(EmailStatus.Blacklisted, (await ReloadAsync(contact.Id)).EmailStatus);

        await recorder.RecordAsync(new EmailEvent { Address = "olena@example.com", Kind = EmailEventKind.BlacklistRemoved, OccurredAt = Start.AddDays(2), Actor = "admin@example.com", Note = "legal cleared it" },
            new EmailEventActor("admin@example.com", ChangeSource.User), Ct);

        Assert.Equal(EmailStatus.Unsubscribed, (await ReloadAsync(contact.Id)).EmailStatus);
        await using var db = NewContext();
        var entry = await db.BlacklistEntries.SingleAsync(Ct);
        Assert.Equal(("asked by legal", "admin@example.com", Start.AddDays(2), "legal cleared it"), (entry.Note, entry.AddedBy, entry.RemovedAt, entry.RemovalNote));
        var audit = await db.AuditEntries.Where(a => a.ContactId == contact.Id).OrderBy(a => a.Id).Select(a => a.OldValue + "→" + a.NewValue).ToListAsync(Ct);
        Assert.Equal(["Unsubscribed→Blacklisted", "Blacklisted→Unsubscribed"], audit);
    }

    [Fact]
    public async Task An_address_without_a_contact_keeps_its_log_and_a_contact_taking_it_later_inherits_the_status()
    {
        await recorder.RecordAsync(new EmailEvent { Address = "trap@example.com", Kind = EmailEventKind.SpamTrapHit, OccurredAt = Start }, ct: Ct);

        await using var db = NewContext();
        Assert.Equal(BlacklistReason.SpamTrap, (await db.BlacklistEntries.SingleAsync(Ct)).Reason);
        Assert.Null((await db.EmailEvents.SingleAsync(Ct)).ContactId);
    }

    [Fact]
    public async Task Recompute_rebuilds_columns_that_drifted_from_the_log_and_then_finds_nothing_to_change()
    {
        var bounced = await Store.ContactAsync(c => c.Email = "bounced@example.com");
        await Store.ContactAsync(c => c.Email = "fine@example.com");
        await Store.ContactAsync(c => c.FirstName = "No email");
        await recorder.RecordAsync(new EmailEvent { Address = "bounced@example.com", Kind = EmailEventKind.HardBounce, SmtpCode = "5.2.2", OccurredAt = Start }, ct: Ct);
        await using (var db = NewContext())
            await db.Contacts.Where(c => c.Id == bounced.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.EmailStatus, EmailStatus.Active), Ct);
        var recompute = new EmailStatusRecompute(Factory, EmailStatusRuleOptions.Default);

        var first = await recompute.RunAsync(ct: Ct);
        var second = await recompute.RunAsync(ct: Ct);

        Assert.Equal(new RecomputeResult(3, 1), first);
        Assert.Equal(new RecomputeResult(3, 0), second);
        Assert.Equal(BlacklistReason.MailboxFull, (await ReloadAsync(bounced.Id)).BlacklistReason);
    }

    [Fact]
    public async Task A_late_event_that_rewrites_the_history_leaves_only_the_blacklist_entries_the_log_holds()
    {
        var contact = await Store.ContactAsync(c => c.Email = "olena@example.com");
        EmailEvent Event(EmailEventKind kind, int day) => new() { Address = "olena@example.com", Kind = kind, OccurredAt = Start.AddDays(day), Actor = "admin@example.com" };

        await recorder.RecordAsync(Event(EmailEventKind.SpamTrapHit, 10), ct: Ct);
        // Arrives late: it happened first, so the blacklisting began on day 5 and the day-10 hit added nothing.
        await recorder.RecordAsync(Event(EmailEventKind.SpamTrapHit, 5), ct: Ct);
        await recorder.RecordAsync(Event(EmailEventKind.BlacklistRemoved, 11), ct: Ct);

        await using var db = NewContext();
        var entry = await db.BlacklistEntries.SingleAsync(Ct);
        Assert.Equal((Start.AddDays(5), (DateTime?)Start.AddDays(11)), (entry.AddedAt, entry.RemovedAt));
        Assert.Equal(EmailStatus.Active, (await ReloadAsync(contact.Id)).EmailStatus);
    }

    /// <summary>
    /// Property: whatever events arrive, in whatever order, recording them one by one leaves the contact's
    /// columns equal to the fold over the whole log.
    /// </summary>
    [Fact]
    public async Task Columns_after_recording_events_one_by_one_always_equal_the_fold_over_the_whole_log()
    {
        var addressNumber = 0;
        await EventSequences.SampleAsync(async events =>
        {
            var address = $"sample{Interlocked.Increment(ref addressNumber)}@example.com";
            var contact = await Store.ContactAsync(c => c.Email = address);
            foreach (var e in events)
                await recorder.RecordAsync(CopyFor(address, e), ct: Ct);

            await using var db = NewContext();
            var log = await db.EmailEvents.AsNoTracking().Where(e => e.Address == address).ToListAsync(Ct);
            var expected = EmailStatusRules.Fold(log);
            var stored = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == contact.Id, Ct);
            Assert.Equal(
                (expected.Status, expected.Since, expected.Reason, expected.BlacklistReason, expected.BlacklistScope),
                (stored.EmailStatus, stored.EmailStatusSince, stored.EmailStatusReason, stored.BlacklistReason, stored.BlacklistScope));
            var entries = await db.BlacklistEntries.AsNoTracking().Where(b => b.Address == address).ToListAsync(Ct);
            Assert.Equal(
                expected.Blacklistings.Select(b => (b.AddedAt, b.Reason, b.Scope, b.RemovedAt)).Order(),
                entries.Select(b => (b.AddedAt, b.Reason, b.Scope, b.RemovedAt)).Order());
        }, iter: Iterations, threads: 1, print: events => string.Join("; ", events.Select(e => $"{e.Kind}@{e.OccurredAt:MM-dd HH}{e.SmtpCode}")));
    }

    // The recorder stores the event it is given; each sample records fresh copies for its own address.
    private static EmailEvent CopyFor(string address, EmailEvent e) => new()
    {
        Address = address, Kind = e.Kind, OccurredAt = e.OccurredAt, SmtpCode = e.SmtpCode, UnsubscribeReason = e.UnsubscribeReason,
        BlacklistReason = e.BlacklistReason, BlacklistScope = e.BlacklistScope, Actor = e.Actor,
    };

    private static readonly Gen<EmailEvent> AnyEvent =
        Gen.Select(
            Gen.Enum<EmailEventKind>(),
            Gen.Int[0, 90 * 24],
            Gen.OneOf("5.1.1", "5.2.2", "5.2.1", "4.2.2", "4.4.1"),
            Gen.Enum<BlacklistScope>(),
            (kind, hours, code, scope) => new EmailEvent
            {
                Kind = kind,
                OccurredAt = Start.AddHours(hours),
                SmtpCode = kind is EmailEventKind.SoftBounce or EmailEventKind.HardBounce
                    ? (kind == EmailEventKind.SoftBounce ? "4" + code[1..] : "5" + code[1..])
                    : null,
                UnsubscribeReason = kind == EmailEventKind.Unsubscribed ? UnsubscribeReason.UnsubscribeLink : null,
                BlacklistReason = kind == EmailEventKind.BlacklistAdded ? BlacklistReason.Manual : null,
                BlacklistScope = kind == EmailEventKind.BlacklistAdded ? scope : null,
                Actor = kind is EmailEventKind.BlacklistAdded or EmailEventKind.BlacklistRemoved ? "admin@example.com" : null,
            });

    // CsCheck_Iter in the environment runs longer searches (e.g. 2000) without changing the suite.
    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var n) ? n : 60;

    private static readonly Gen<EmailEvent[]> EventSequences = AnyEvent.Array[1, 14];
}
