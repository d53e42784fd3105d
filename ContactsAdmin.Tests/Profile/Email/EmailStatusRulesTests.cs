using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Setup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Profile.Email;

public class EmailStatusRulesTests
{
    private const string Address = "olena@example.com";
    private static readonly DateTime March1 = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("5.1.1")]
    [InlineData("5.1.2")]
    [InlineData("5.1.10")]
    public void Rule_1_hard_bounce_5_1_x_blacklists_as_non_existent_address(string code)
    {
        var log = new EventLog().HardBounce(day: 2, code, message: "Spring sale");

        var state = EmailStatusRules.Fold(log.Events);

        AssertBlacklisted(state, BlacklistReason.NonExistentAddress, BlacklistScope.System, since: log.Events[0].OccurredAt);
        Assert.Equal($"Blacklisted: the address does not exist (hard bounce {code} on 3 Mar 2026, message 'Spring sale')", state.Reason);
    }

    [Fact]
    public void Rule_2_hard_bounce_5_2_2_blacklists_as_mailbox_full()
    {
        var log = new EventLog().HardBounce(day: 2, "5.2.2", message: "Spring sale");

        var state = EmailStatusRules.Fold(log.Events);

        AssertBlacklisted(state, BlacklistReason.MailboxFull, BlacklistScope.System, since: log.Events[0].OccurredAt);
        Assert.Equal("Blacklisted: the mailbox is full (hard bounce 5.2.2 on 3 Mar 2026, message 'Spring sale')", state.Reason);
    }

    [Theory]
    [InlineData("5.2.1")]
    [InlineData("5.7.1")]
    [InlineData("5.4.4")]
    [InlineData(null)]
    public void Rule_3_any_other_hard_bounce_blacklists_as_inactive_address(string? code)
    {
        var log = new EventLog().HardBounce(day: 2, code, message: "Spring sale");

        var state = EmailStatusRules.Fold(log.Events);

        AssertBlacklisted(state, BlacklistReason.InactiveAddress, BlacklistScope.System, since: log.Events[0].OccurredAt);
        Assert.StartsWith("Blacklisted: the address is inactive (hard bounce", state.Reason);
    }

    [Fact]
    public void Rule_3_a_code_given_only_in_the_diagnostic_is_read_from_there()
    {
        var log = new EventLog().HardBounce(day: 2, code: null, diagnostic: "550 5.1.1 <olena@example.com>: user unknown");

        var state = EmailStatusRules.Fold(log.Events);

        Assert.Equal(BlacklistReason.NonExistentAddress, state.BlacklistReason);
    }

    [Fact]
    public void Rule_4_three_soft_bounces_in_a_row_within_30_days_blacklist_as_inactive_address()
    {
        var log = new EventLog()
            .Delivered(day: 1)
            .SoftBounce(day: 5, "4.4.1")
            .SoftBounce(day: 15, "4.4.7")
            .SoftBounce(day: 34, "4.4.1", message: "Weekly digest");

        var state = EmailStatusRules.Fold(log.Events);

        AssertBlacklisted(state, BlacklistReason.InactiveAddress, BlacklistScope.System, since: log.Events[^1].OccurredAt);
        Assert.Equal("Blacklisted: the address is inactive (3 soft bounces in a row within 30 days, the last 4.4.1 on 4 Apr 2026, message 'Weekly digest')", state.Reason);
    }

    [Fact]
    public void Rule_4_a_soft_bounce_streak_ending_in_x_2_2_blacklists_as_mailbox_full()
    {
        var log = new EventLog()
            .SoftBounce(day: 1, "4.4.1")
            .SoftBounce(day: 3, "4.2.2")
            .SoftBounce(day: 6, "4.2.2");

        var state = EmailStatusRules.Fold(log.Events);

        AssertBlacklisted(state, BlacklistReason.MailboxFull, BlacklistScope.System, since: log.Events[^1].OccurredAt);
    }

    [Fact]
    public void Rule_4_two_soft_bounces_leave_the_address_active_and_count_as_a_streak()
    {
        var log = new EventLog().SoftBounce(day: 1, "4.4.1").SoftBounce(day: 2, "4.4.1");

        var state = EmailStatusRules.Fold(log.Events);

        Assert.Equal(EmailStatus.Active, state.Status);
        Assert.Equal(2, state.SoftBounceStreak);
        Assert.Empty(state.Holding);
    }

    [Fact]
    public void Rule_5_spam_trap_hit_blacklists_as_spam_trap()
    {
        var log = new EventLog().Delivered(day: 1).SpamTrapHit(day: 2, message: "Spring sale");

        var state = EmailStatusRules.Fold(log.Events);

        AssertBlacklisted(state, BlacklistReason.SpamTrap, BlacklistScope.System, since: log.Events[1].OccurredAt);
        Assert.Equal("Blacklisted: the address is a spam trap (hit on 3 Mar 2026, message 'Spring sale')", state.Reason);
    }

    [Fact]
    public void Rule_6_spam_complaint_shows_reported_spam()
    {
        var log = new EventLog().Delivered(day: 1).SpamComplaint(day: 2, message: "Spring sale");

        var state = EmailStatusRules.Fold(log.Events);

        Assert.Equal(EmailStatus.ReportedSpam, state.Status);
        Assert.Equal(log.Events[1].OccurredAt, state.Since);
        Assert.Equal("Reported spam on 3 Mar 2026 (message 'Spring sale')", state.Reason);
        Assert.Null(state.BlacklistReason);
        Assert.Null(state.BlacklistScope);
    }

    [Theory]
    [InlineData(UnsubscribeReason.UnsubscribeLink, "Unsubscribed via the unsubscribe link on 4 Mar 2026")]
    [InlineData(UnsubscribeReason.PreferenceCentre, "Unsubscribed in the preference centre on 4 Mar 2026")]
    [InlineData(UnsubscribeReason.ByUserOnRequest, "Unsubscribed by anna@example.com on the contact's request on 4 Mar 2026")]
    [InlineData(UnsubscribeReason.Import, "Unsubscribed by an import (anna@example.com) on 4 Mar 2026")]
    public void Rule_7_unsubscribed_shows_unsubscribed_with_its_reason(UnsubscribeReason reason, string expected)
    {
        var log = new EventLog().Delivered(day: 1).Unsubscribed(day: 3, reason, actor: "anna@example.com");

        var state = EmailStatusRules.Fold(log.Events);

        Assert.Equal(EmailStatus.Unsubscribed, state.Status);
        Assert.Equal(log.Events[1].OccurredAt, state.Since);
        Assert.Equal(expected, state.Reason);
    }

    [Fact]
    public void Rule_8_blacklist_added_by_an_admin_is_manual_and_local()
    {
        var log = new EventLog().BlacklistAdded(day: 4, actor: "admin@example.com", note: "Asked for no email at all");

        var state = EmailStatusRules.Fold(log.Events);

        AssertBlacklisted(state, BlacklistReason.Manual, BlacklistScope.Local, since: log.Events[0].OccurredAt);
        Assert.Equal("Blacklisted by admin@example.com on 5 Mar 2026: Asked for no email at all", state.Reason);
        var entry = Assert.Single(state.Blacklistings).ToEntry(Address);
        Assert.Equal(("admin@example.com", "Asked for no email at all", BlacklistScope.Local), (entry.AddedBy, entry.Note, entry.Scope));
    }

    [Fact]
    public void Rule_8_an_admin_may_choose_the_reason()
    {
        var log = new EventLog().BlacklistAdded(day: 4, actor: "admin@example.com", reason: BlacklistReason.SpamTrap);

        var state = EmailStatusRules.Fold(log.Events);

        AssertBlacklisted(state, BlacklistReason.SpamTrap, BlacklistScope.Local, since: log.Events[0].OccurredAt);
    }

    [Fact]
    public void Rule_9_blacklist_removed_derives_the_status_again_and_restarts_the_soft_bounce_streak()
    {
        var log = new EventLog()
            .SoftBounce(day: 1, "4.4.1")
            .HardBounce(day: 2, "5.2.1")
            .SoftBounce(day: 3, "4.4.1")
            .BlacklistRemoved(day: 4, actor: "admin@example.com", note: "Mailbox works again")
            .SoftBounce(day: 5, "4.4.1")
            .SoftBounce(day: 6, "4.4.1");

        var state = EmailStatusRules.Fold(log.Events);

        // Without the restart, the bounces of days 1 and 3 and the two after the removal would have blacklisted it.
        Assert.Equal(EmailStatus.Active, state.Status);
        Assert.Equal(2, state.SoftBounceStreak);
        Assert.Equal(log.Events[3].OccurredAt, state.Since);
        Assert.Equal("Removed from the blacklist on 5 Mar 2026 by admin@example.com: Mailbox works again", state.Reason);
        var removed = Assert.Single(state.Blacklistings);
        Assert.Equal((log.Events[3].OccurredAt, "admin@example.com", "Mailbox works again"), (removed.RemovedAt, removed.RemovedBy, removed.RemovalNote));
    }

    [Fact]
    public void Rule_10_resubscribed_clears_unsubscribed_and_reported_spam()
    {
        var log = new EventLog()
            .SpamComplaint(day: 1)
            .Unsubscribed(day: 2, UnsubscribeReason.ListUnsubscribeHeader)
            .Resubscribed(day: 9);

        var state = EmailStatusRules.Fold(log.Events);

        Assert.Equal(EmailStatus.Active, state.Status);
        Assert.Empty(state.Holding);
        Assert.Equal(log.Events[2].OccurredAt, state.Since);
        Assert.Equal("Resubscribed on 10 Mar 2026", state.Reason);
    }

    [Fact]
    public void Rule_11_the_strongest_status_is_shown_and_every_holding_one_is_listed()
    {
        var log = new EventLog()
            .Unsubscribed(day: 1, UnsubscribeReason.UnsubscribeLink)
            .SpamComplaint(day: 2, message: "Spring sale")
            .HardBounce(day: 3, "5.1.1")
            .BlacklistAdded(day: 4, actor: "admin@example.com");

        var state = EmailStatusRules.Fold(log.Events);

        Assert.Equal(EmailStatus.Blacklisted, state.Status);
        Assert.Equal(
            [
                (EmailStatus.Blacklisted, log.Events[2].OccurredAt, (BlacklistReason?)BlacklistReason.NonExistentAddress),
                (EmailStatus.Blacklisted, log.Events[3].OccurredAt, BlacklistReason.Manual),
                (EmailStatus.ReportedSpam, log.Events[1].OccurredAt, null),
                (EmailStatus.Unsubscribed, log.Events[0].OccurredAt, null),
            ],
            state.Holding.Select(h => (h.Status, h.Since, h.BlacklistReason)));
        Assert.All(state.Holding, h => Assert.False(string.IsNullOrWhiteSpace(h.Reason)));
        // The shown blacklisting is the one that began the Blacklisted status.
        Assert.Equal(BlacklistReason.NonExistentAddress, state.BlacklistReason);
    }

    [Fact]
    public void Rule_11_reported_spam_outranks_unsubscribed()
    {
        var log = new EventLog().SpamComplaint(day: 5).Unsubscribed(day: 1, UnsubscribeReason.UnsubscribeLink);

        var state = EmailStatusRules.Fold(log.Events);

        Assert.Equal(EmailStatus.ReportedSpam, state.Status);
        Assert.Equal([EmailStatus.ReportedSpam, EmailStatus.Unsubscribed], state.Holding.Select(h => h.Status));
    }

    [Fact]
    public void An_address_without_events_is_active_with_no_date()
    {
        var state = EmailStatusRules.Fold([]);

        Assert.Equal((EmailStatus.Active, (DateTime?)null, (string?)null, 0), (state.Status, state.Since, state.Reason, state.SoftBounceStreak));
        Assert.Empty(state.Holding);
        Assert.Empty(state.Blacklistings);
    }

    [Fact]
    public void Deliveries_alone_leave_the_address_active_with_no_date()
    {
        var state = EmailStatusRules.Fold(new EventLog().Delivered(day: 1).Delivered(day: 2).Events);

        Assert.Equal(EmailStatus.Active, state.Status);
        Assert.Null(state.Since);
    }

    [Fact]
    public void Soft_bounces_spread_over_more_than_30_days_do_not_blacklist()
    {
        var log = new EventLog()
            .SoftBounce(day: 0, "4.4.1")
            .SoftBounce(day: 20, "4.4.1")
            .SoftBounce(day: 40, "4.4.1");

        var state = EmailStatusRules.Fold(log.Events);

        Assert.Equal(EmailStatus.Active, state.Status);
        Assert.Empty(state.Blacklistings);
        Assert.Equal(2, state.SoftBounceStreak);
    }

    [Fact]
    public void A_delivered_between_soft_bounces_resets_the_streak()
    {
        var log = new EventLog()
            .SoftBounce(day: 1, "4.4.1")
            .SoftBounce(day: 2, "4.4.1")
            .Delivered(day: 3)
            .SoftBounce(day: 4, "4.4.1");

        var state = EmailStatusRules.Fold(log.Events);

        Assert.Equal(EmailStatus.Active, state.Status);
        Assert.Equal(1, state.SoftBounceStreak);
    }

    [Fact]
    public void Removing_a_system_entry_after_an_unsubscribe_gives_unsubscribed()
    {
        var log = new EventLog()
            .Unsubscribed(day: 1, UnsubscribeReason.UnsubscribeLink, message: "Spring sale")
            .HardBounce(day: 5, "5.2.1", message: "Order confirmation")
            .BlacklistRemoved(day: 8, actor: "admin@example.com", note: "Mailbox works again");

        var state = EmailStatusRules.Fold(log.Events);

        Assert.Equal(EmailStatus.Unsubscribed, state.Status);
        Assert.Equal(log.Events[0].OccurredAt, state.Since);
        Assert.Equal("Unsubscribed via the unsubscribe link on 2 Mar 2026 (message 'Spring sale')", state.Reason);
        Assert.Null(state.BlacklistReason);
        Assert.Null(state.BlacklistScope);
    }

    [Fact]
    public void A_removal_ends_system_and_local_entries_together()
    {
        var log = new EventLog()
            .SpamTrapHit(day: 1)
            .BlacklistAdded(day: 2, actor: "admin@example.com")
            .BlacklistRemoved(day: 3, actor: "admin@example.com");

        var state = EmailStatusRules.Fold(log.Events);

        Assert.Equal(EmailStatus.Active, state.Status);
        Assert.Equal(2, state.Blacklistings.Count);
        Assert.All(state.Blacklistings, b => Assert.Equal(log.Events[2].OccurredAt, b.RemovedAt));
    }

    [Fact]
    public void A_resubscribe_does_not_clear_a_blacklist()
    {
        var log = new EventLog()
            .Unsubscribed(day: 1, UnsubscribeReason.UnsubscribeLink)
            .BlacklistAdded(day: 2, actor: "admin@example.com")
            .Resubscribed(day: 3);

        var state = EmailStatusRules.Fold(log.Events);

        AssertBlacklisted(state, BlacklistReason.Manual, BlacklistScope.Local, since: log.Events[1].OccurredAt);
        Assert.DoesNotContain(state.Holding, h => h.Status == EmailStatus.Unsubscribed);
    }

    [Fact]
    public void A_repeated_bounce_for_the_same_reason_adds_no_second_blacklisting()
    {
        var log = new EventLog().HardBounce(day: 1, "5.1.1").HardBounce(day: 2, "5.1.1");

        var state = EmailStatusRules.Fold(log.Events);

        Assert.Single(state.Blacklistings);
        Assert.Equal(log.Events[0].OccurredAt, state.Since);
    }

    [Fact]
    public void Events_passed_out_of_order_are_folded_in_time_order()
    {
        var log = new EventLog()
            .Unsubscribed(day: 1, UnsubscribeReason.UnsubscribeLink)
            .Resubscribed(day: 2)
            .SoftBounce(day: 3, "4.4.1")
            .SoftBounce(day: 4, "4.4.1")
            .Delivered(day: 5)
            .SoftBounce(day: 6, "4.4.1");
        var shuffled = log.Events.AsEnumerable().Reverse().ToList();

        var state = EmailStatusRules.Fold(shuffled);

        Assert.Equal(EmailStatus.Active, state.Status);
        Assert.Equal(1, state.SoftBounceStreak);
        Assert.Equal(log.Events[1].OccurredAt, state.Since);
    }

    [Fact]
    public void Events_at_the_same_time_are_folded_in_id_order()
    {
        var at = March1.AddDays(1);
        EmailEvent[] events =
        [
            new() { Id = 2, Address = Address, Kind = EmailEventKind.Resubscribed, OccurredAt = at },
            new() { Id = 1, Address = Address, Kind = EmailEventKind.Unsubscribed, OccurredAt = at, UnsubscribeReason = UnsubscribeReason.Api },
        ];

        var state = EmailStatusRules.Fold(events);

        Assert.Equal(EmailStatus.Active, state.Status);
    }

    [Fact]
    public void The_limits_come_from_the_options()
    {
        var options = new EmailStatusRuleOptions { SoftBounceLimit = 2, SoftBounceWindow = TimeSpan.FromDays(7) };
        var withinAWeek = new EventLog().SoftBounce(day: 1, "4.4.1").SoftBounce(day: 7, "4.4.1");
        var overAWeek = new EventLog().SoftBounce(day: 1, "4.4.1").SoftBounce(day: 9, "4.4.1");

        Assert.Equal(EmailStatus.Blacklisted, EmailStatusRules.Fold(withinAWeek.Events, options).Status);
        Assert.Equal(EmailStatus.Active, EmailStatusRules.Fold(overAWeek.Events, options).Status);
    }

    [Fact]
    public void The_options_bind_from_the_EmailStatus_configuration_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["EmailStatus:SoftBounceLimit"] = "5",
                ["EmailStatus:SoftBounceWindow"] = "14.00:00:00",
            })
            .Build();

        var options = Bound(configuration);

        Assert.Equal(new EmailStatusRuleOptions { SoftBounceLimit = 5, SoftBounceWindow = TimeSpan.FromDays(14) }, options);
        Assert.Equal(EmailStatusRuleOptions.Default, Bound(new ConfigurationBuilder().Build()));
    }

    /// <summary>The options as the app binds them from this configuration.</summary>
    private static EmailStatusRuleOptions Bound(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddSingleton(configuration).AddContactsSettings().BuildServiceProvider();
        return services.GetRequiredService<EmailStatusRuleOptions>();
    }

    [Fact]
    public void ApplyTo_writes_the_shown_status_to_the_contact_columns()
    {
        var log = new EventLog().Unsubscribed(day: 1, UnsubscribeReason.UnsubscribeLink).HardBounce(day: 2, "5.2.2");
        var contact = new Contact { Email = Address, EmailNormalized = Address };

        EmailStatusRules.Fold(log.Events).ApplyTo(contact);

        Assert.Equal(
            (EmailStatus.Blacklisted, (DateTime?)log.Events[1].OccurredAt, (BlacklistReason?)BlacklistReason.MailboxFull, (BlacklistScope?)BlacklistScope.System),
            (contact.EmailStatus, contact.EmailStatusSince, contact.BlacklistReason, contact.BlacklistScope));
        Assert.StartsWith("Blacklisted: the mailbox is full", contact.EmailStatusReason);

        EmailStatusRules.Fold(log.BlacklistRemoved(day: 3, actor: "admin@example.com").Events).ApplyTo(contact);

        Assert.Equal((EmailStatus.Unsubscribed, (BlacklistReason?)null, (BlacklistScope?)null), (contact.EmailStatus, contact.BlacklistReason, contact.BlacklistScope));
    }

    private static void AssertBlacklisted(EmailStatusState state, BlacklistReason reason, BlacklistScope scope, DateTime since)
    {
        Assert.Equal(EmailStatus.Blacklisted, state.Status);
        Assert.Equal(reason, state.BlacklistReason);
        Assert.Equal(scope, state.BlacklistScope);
        Assert.Equal(since, state.Since);
        var held = Assert.Single(state.Holding, h => h.Status == EmailStatus.Blacklisted);
        Assert.Equal((reason, scope, since), (held.BlacklistReason, held.BlacklistScope, held.Since));
    }

    /// <summary>Builds one address's log: each event on a day after 1 Mar 2026, with increasing ids.</summary>
    private sealed class EventLog
    {
        public List<EmailEvent> Events { get; } = [];

        public EventLog Delivered(int day, string? message = "Weekly digest") => Add(day, EmailEventKind.Delivered, e => e.MessageName = message);

        public EventLog SoftBounce(int day, string code, string? message = "Weekly digest") =>
            Add(day, EmailEventKind.SoftBounce, e => (e.SmtpCode, e.MessageName) = (code, message));

        public EventLog HardBounce(int day, string? code, string? message = null, string? diagnostic = null) =>
            Add(day, EmailEventKind.HardBounce, e => (e.SmtpCode, e.MessageName, e.Diagnostic) = (code, message, diagnostic));

        public EventLog SpamTrapHit(int day, string? message = null) => Add(day, EmailEventKind.SpamTrapHit, e => e.MessageName = message);

        public EventLog SpamComplaint(int day, string? message = null) => Add(day, EmailEventKind.SpamComplaint, e => e.MessageName = message);

        public EventLog Unsubscribed(int day, UnsubscribeReason reason, string? actor = null, string? message = null) =>
            Add(day, EmailEventKind.Unsubscribed, e => (e.UnsubscribeReason, e.Actor, e.MessageName) = (reason, actor, message));

        public EventLog Resubscribed(int day) => Add(day, EmailEventKind.Resubscribed, _ => { });

        public EventLog BlacklistAdded(int day, string actor, string? note = null, BlacklistReason? reason = null) =>
            Add(day, EmailEventKind.BlacklistAdded, e => (e.Actor, e.Note, e.BlacklistReason, e.BlacklistScope) = (actor, note, reason, BlacklistScope.Local));

        public EventLog BlacklistRemoved(int day, string actor, string? note = null) =>
            Add(day, EmailEventKind.BlacklistRemoved, e => (e.Actor, e.Note) = (actor, note));

        private EventLog Add(int day, EmailEventKind kind, Action<EmailEvent> details)
        {
            var emailEvent = new EmailEvent { Id = Events.Count + 1, Address = Address, Kind = kind, OccurredAt = March1.AddDays(day) };
            details(emailEvent);
            Events.Add(emailEvent);
            return this;
        }
    }
}
