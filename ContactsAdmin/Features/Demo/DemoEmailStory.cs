using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Writes a contact's email history for its scenario: the email events of the address and the Email activities
/// that line up with them (a bounce is an Undelivered activity with its code, an unsubscribe or a complaint is an
/// activity of that status). The contact's status is not set here: the seeder folds these events.
/// </summary>
internal sealed class DemoEmailStory
{
    private static readonly (string Code, string Diagnostic)[] UnknownMailbox =
    [
        ("5.1.1", "550 5.1.1 The email account that you tried to reach does not exist"),
        ("5.1.1", "550 5.1.1 <recipient>: Recipient address rejected: User unknown in virtual mailbox table"),
        ("5.1.2", "550 5.1.2 Host unknown: the domain name does not exist"),
        ("5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"),
    ];
    private static readonly (string Code, string Diagnostic)[] DisabledMailbox =
    [
        ("5.2.1", "550 5.2.1 The email account that you tried to reach is disabled"),
        ("5.2.1", "550 5.2.1 Mailbox disabled, not accepting messages"),
    ];
    private static readonly (string Code, string Diagnostic) FullMailboxHard = ("5.2.2", "552 5.2.2 The email account that you tried to reach is over quota");
    private static readonly (string Code, string Diagnostic) FullMailboxSoft = ("4.2.2", "452 4.2.2 Mailbox full, try again later");
    private static readonly (string Code, string Diagnostic)[] Temporary =
    [
        ("4.4.1", "421 4.4.1 Connection timed out"),
        ("4.7.0", "421 4.7.0 Try again later, closing connection"),
        ("4.4.7", "451 4.4.7 Message delayed too long, giving up"),
    ];
    private static readonly string[] FeedbackLoops = ["Gmail", "Yahoo", "Microsoft", "Mail.ru", "Comcast"];
    private static readonly UnsubscribeReason[] UnsubscribeReasons =
    [
        UnsubscribeReason.UnsubscribeLink, UnsubscribeReason.ListUnsubscribeHeader, UnsubscribeReason.PreferenceCentre,
        UnsubscribeReason.ByUserOnRequest, UnsubscribeReason.Api, UnsubscribeReason.Import,
    ];
    private static readonly float[] UnsubscribeReasonWeights = [50f, 25f, 12f, 5f, 5f, 3f];

    private readonly DemoContactDraft draft;
    private readonly DemoRandom random;
    private readonly DateTime today;
    private readonly string address;

    private DemoEmailStory(DemoContactDraft draft, DemoRandom random, DateTime today)
    {
        this.draft = draft;
        this.random = random;
        this.today = today;
        address = draft.Contact.EmailNormalized!;
    }

    /// <summary>Adds the email events and Email activities of about <paramref name="messages"/> messages.</summary>
    public static void Tell(DemoContactDraft draft, DemoRandom random, DateTime today, EmailStatusRuleOptions rules, int messages)
    {
        if (draft.Scenario is not { } scenario || draft.Contact.EmailNormalized is null) return;
        var story = new DemoEmailStory(draft, random, today);
        // Stories with a turn need a few messages before it.
        if (scenario != DemoEmailScenario.Active || draft.IsKnown) messages = Math.Max(messages, 6);
        var sends = story.SendTimes(messages);
        if (sends.Count == 0) return;

        switch (scenario)
        {
            case DemoEmailScenario.Active: story.StayActive(sends); break;
            case DemoEmailScenario.ActiveAfterResubscribe: story.ResubscribeAfterUnsubscribing(sends); break;
            case DemoEmailScenario.Unsubscribed: story.Unsubscribe(sends); break;
            case DemoEmailScenario.ReportedSpam: story.ReportSpam(sends); break;
            case DemoEmailScenario.NonExistentAddress: story.BounceHard(sends, story.random.Pick(UnknownMailbox), early: true); break;
            case DemoEmailScenario.InactiveAddressHardBounce: story.BounceHard(sends, story.random.Pick(DisabledMailbox)); break;
            case DemoEmailScenario.MailboxFullHardBounce: story.BounceHard(sends, FullMailboxHard); break;
            case DemoEmailScenario.InactiveAddressSoftBounces: story.BounceSoftInARow(sends, rules, mailboxFull: false); break;
            case DemoEmailScenario.MailboxFullSoftBounces: story.BounceSoftInARow(sends, rules, mailboxFull: true); break;
            case DemoEmailScenario.SpamTrap: story.HitSpamTrap(sends); break;
            case DemoEmailScenario.ManualBlacklist: story.BlacklistByHand(sends); break;
            case DemoEmailScenario.RemovedBackToActive: story.BounceThenRemove(sends); break;
            case DemoEmailScenario.RemovedBackToUnsubscribed: story.UnsubscribeThenBounceThenRemove(sends); break;
        }
    }

    // Send times across the contact's life, at least half an hour apart, none on the seeding day.
    private List<DateTime> SendTimes(int count)
    {
        var first = draft.Contact.CreatedAt.AddHours(1);
        var minutes = (int)(today.AddHours(-1) - first).TotalMinutes;
        if (minutes <= 0 || count <= 0) return [];
        var offsets = new int[count];
        for (var i = 0; i < count; i++) offsets[i] = random.Int(0, minutes);
        Array.Sort(offsets);
        var sends = new List<DateTime>(count);
        foreach (var offset in offsets)
        {
            var at = first.AddMinutes(offset);
            if (sends.Count == 0 || at - sends[^1] >= TimeSpan.FromMinutes(30)) sends.Add(at);
        }
        return sends;
    }

    private void StayActive(List<DateTime> sends)
    {
        // Now and then a temporary failure that the next delivery makes harmless.
        var softBounceAt = !draft.IsKnown && sends.Count > 2 && random.Bool(0.15) ? random.Int(0, sends.Count - 2) : -1;
        for (var i = 0; i < sends.Count; i++)
        {
            if (i == softBounceAt) Bounce(sends[i], Campaign(), random.Pick(Temporary), hard: false);
            else Deliver(sends[i], Campaign());
        }
    }

    private void Unsubscribe(List<DateTime> sends)
    {
        var turn = DeliverUntilTurn(sends);
        var reason = draft.IsKnown ? UnsubscribeReason.UnsubscribeLink : random.Weighted(UnsubscribeReasons, UnsubscribeReasonWeights);
        if (reason is UnsubscribeReason.UnsubscribeLink or UnsubscribeReason.ListUnsubscribeHeader)
        {
            var message = MarketingCampaign();
            var delivered = Deliver(sends[turn], message);
            UnsubscribeFrom(message, Later(delivered, minMinutes: 10, maxMinutes: 24 * 60), reason);
            return;
        }
        var actor = reason switch
        {
            UnsubscribeReason.ByUserOnRequest => random.Pick(DemoCatalog.Admins),
            UnsubscribeReason.Api => DemoCatalog.ApiKeys[0],
            UnsubscribeReason.Import => DemoCatalog.ImportFiles[0],
            _ => null,
        };
        Add(new EmailEvent { Kind = EmailEventKind.Unsubscribed, OccurredAt = sends[turn], UnsubscribeReason = reason, Actor = actor });
    }

    private void ReportSpam(List<DateTime> sends)
    {
        var turn = DeliverUntilTurn(sends);
        var message = MarketingCampaign();
        var complained = Later(Deliver(sends[turn], message), minMinutes: 30, maxMinutes: 2 * 24 * 60);
        Add(new EmailEvent { Kind = EmailEventKind.SpamComplaint, OccurredAt = complained, MessageName = message });
        AddActivity(complained, message, MessageStatus.Spam, DemoJson.Cached(new { feedbackLoop = random.Pick(FeedbackLoops) }));
        // Mail clients often offer "report spam and unsubscribe" in one click.
        if (!draft.IsKnown && random.Bool(0.3))
            UnsubscribeFrom(message, complained.AddSeconds(1), UnsubscribeReason.ListUnsubscribeHeader);
    }

    private void ResubscribeAfterUnsubscribing(List<DateTime> sends)
    {
        var turn = DeliverUntilTurn(sends, latest: 0.6);
        var message = MarketingCampaign();
        var unsubscribed = Later(Deliver(sends[turn], message), minMinutes: 10, maxMinutes: 24 * 60);
        UnsubscribeFrom(message, unsubscribed, UnsubscribeReason.UnsubscribeLink);
        var resubscribed = Later(unsubscribed, minMinutes: 5 * 24 * 60, maxMinutes: 60 * 24 * 60);
        Add(new EmailEvent { Kind = EmailEventKind.Resubscribed, OccurredAt = resubscribed, Note = "Ticked the newsletter box again in the subscription form" });
        foreach (var sent in sends.Where(s => s > resubscribed)) Deliver(sent, Campaign());
    }

    private void BounceHard(List<DateTime> sends, (string Code, string Diagnostic) bounce, bool early = false)
    {
        // A mistyped address bounces on the first or second message; a mailbox that dies does so later.
        var turn = early ? Math.Min(sends.Count - 1, random.Int(0, 1)) : DeliverUntilTurn(sends);
        for (var i = 0; early && i < turn; i++) Deliver(sends[i], Campaign());
        Bounce(sends[turn], Campaign(), bounce, hard: true);
    }

    private void BounceSoftInARow(List<DateTime> sends, EmailStatusRuleOptions rules, bool mailboxFull)
    {
        // Enough soft bounces, all within the window, with nothing delivered between them (rule 4).
        var history = today - draft.Contact.CreatedAt;
        var earliest = draft.Contact.CreatedAt + history * 0.3;
        var latest = today - rules.SoftBounceWindow - TimeSpan.FromDays(1);
        var start = earliest < latest ? earliest + (latest - earliest) * random.Double() : draft.Contact.CreatedAt.AddHours(1);
        var span = Min(rules.SoftBounceWindow * 0.9, today.AddHours(-1) - start);
        var step = rules.SoftBounceLimit > 1 ? span / (rules.SoftBounceLimit - 1) * random.Double(0.4, 1) : TimeSpan.Zero;

        foreach (var sent in sends.Where(s => s < start.AddHours(-1))) Deliver(sent, Campaign());
        for (var i = 0; i < rules.SoftBounceLimit; i++)
        {
            var code = mailboxFull ? FullMailboxSoft : random.Pick(Temporary);
            Bounce(start + step * i, Campaign(), code, hard: false);
        }
    }

    private void HitSpamTrap(List<DateTime> sends)
    {
        var turn = DeliverUntilTurn(sends);
        var message = MarketingCampaign();
        var hit = Later(Deliver(sends[turn], message), minMinutes: 1, maxMinutes: 60);
        Add(new EmailEvent { Kind = EmailEventKind.SpamTrapHit, OccurredAt = hit, MessageName = message, Diagnostic = "Reported by a spam-trap network" });
    }

    private void BlacklistByHand(List<DateTime> sends)
    {
        var turn = DeliverUntilTurn(sends);
        var previous = turn > 0 ? sends[turn - 1].AddMinutes(10) : draft.Contact.CreatedAt;
        var at = previous + (sends[turn] - previous) * random.Double(0.2, 0.8);
        // Some had unsubscribed before, so the card lists Unsubscribed under Blacklisted.
        if (!draft.IsKnown && random.Bool(0.3))
            Add(new EmailEvent { Kind = EmailEventKind.Unsubscribed, OccurredAt = previous + (at - previous) / 2, UnsubscribeReason = UnsubscribeReason.PreferenceCentre });
        // Mostly Manual; sometimes the admin picks a reason, e.g. for addresses known dead elsewhere.
        var manual = draft.IsKnown || random.Bool(0.8);
        Add(new EmailEvent
        {
            Kind = EmailEventKind.BlacklistAdded,
            OccurredAt = at,
            BlacklistReason = manual ? BlacklistReason.Manual : BlacklistReason.InactiveAddress,
            BlacklistScope = BlacklistScope.Local,
            Actor = random.Pick(DemoCatalog.Admins),
            Note = manual ? random.Pick(DemoCatalog.ManualBlacklistNotes) : "Bounced for months in our previous email platform",
        });
    }

    private void BounceThenRemove(List<DateTime> sends)
    {
        var turn = DeliverUntilTurn(sends, earliest: 0.2, latest: 0.5);
        var bounced = Bounce(sends[turn], Campaign(), random.Pick(DisabledMailbox), hard: true);
        var removed = RemoveFromBlacklist(Later(bounced, minMinutes: 2 * 24 * 60, maxMinutes: 20 * 24 * 60));
        foreach (var sent in sends.Where(s => s > removed)) Deliver(sent, Campaign());
    }

    private void UnsubscribeThenBounceThenRemove(List<DateTime> sends)
    {
        var turn = DeliverUntilTurn(sends, earliest: 0.2, latest: 0.5);
        var message = MarketingCampaign();
        var unsubscribed = Later(Deliver(sends[turn], message), minMinutes: 10, maxMinutes: 10 * 60);
        UnsubscribeFrom(message, unsubscribed, UnsubscribeReason.UnsubscribeLink);
        // Order emails still go out after a marketing unsubscribe; one of them bounces.
        var bounced = Bounce(Later(unsubscribed, minMinutes: 3 * 24 * 60, maxMinutes: 15 * 24 * 60), DemoCatalog.OrderConfirmation, random.Pick(DisabledMailbox), hard: true);
        RemoveFromBlacklist(Later(bounced, minMinutes: 24 * 60, maxMinutes: 10 * 24 * 60));
    }

    // Delivers the messages before the story's turn and returns the turn's index.
    private int DeliverUntilTurn(List<DateTime> sends, double earliest = 0.3, double latest = 0.9)
    {
        var last = sends.Count - 1;
        var turn = Math.Clamp(random.Int((int)(last * earliest), (int)(last * latest)), 0, last);
        for (var i = 0; i < turn; i++) Deliver(sends[i], Campaign());
        return turn;
    }

    private DateTime Deliver(DateTime sent, string message)
    {
        var delivered = sent.AddSeconds(random.Int(2, 180));
        Add(new EmailEvent { Kind = EmailEventKind.Delivered, OccurredAt = delivered, MessageName = message });
        AddActivity(delivered, message, MessageStatus.Delivered, details: null);
        if (!random.Bool(0.45)) return delivered;

        var read = delivered.AddMinutes(random.Int(2, 2 * 24 * 60));
        if (read >= today) return delivered;
        AddActivity(read, message, MessageStatus.Read, DemoJson.Cached(new { client = random.Pick(DemoCatalog.MailClients) }));
        var clicked = read.AddSeconds(random.Int(10, 20 * 60));
        if (random.Bool(0.35) && clicked < today)
            AddActivity(clicked, message, MessageStatus.Clicked, DemoJson.Cached(new { link = $"{DemoCatalog.ShopUrl}{random.Pick(DemoCatalog.SitePages)}?utm_source=email&utm_campaign={Slug(message)}" }));
        return delivered;
    }

    private DateTime Bounce(DateTime sent, string message, (string Code, string Diagnostic) bounce, bool hard)
    {
        var at = sent.AddSeconds(random.Int(2, 600));
        Add(new EmailEvent
        {
            Kind = hard ? EmailEventKind.HardBounce : EmailEventKind.SoftBounce,
            OccurredAt = at,
            MessageName = message,
            SmtpCode = bounce.Code,
            Diagnostic = bounce.Diagnostic,
        });
        AddActivity(at, message, MessageStatus.Undelivered, DemoJson.Cached(new { bounceType = hard ? "hard" : "soft", smtpCode = bounce.Code, diagnostic = bounce.Diagnostic }));
        return at;
    }

    private void UnsubscribeFrom(string message, DateTime at, UnsubscribeReason reason)
    {
        Add(new EmailEvent { Kind = EmailEventKind.Unsubscribed, OccurredAt = at, MessageName = message, UnsubscribeReason = reason });
        AddActivity(at, message, MessageStatus.Unsubscribed, reason == UnsubscribeReason.UnsubscribeLink
            ? DemoJson.Cached(new { method = "UnsubscribeLink", link = $"{DemoCatalog.ShopUrl}/unsubscribe" })
            : DemoJson.Cached(new { method = "ListUnsubscribeHeader" }));
    }

    private DateTime RemoveFromBlacklist(DateTime at)
    {
        Add(new EmailEvent
        {
            Kind = EmailEventKind.BlacklistRemoved,
            OccurredAt = at,
            Actor = random.Pick(DemoCatalog.Admins),
            Note = random.Pick(DemoCatalog.RemovalNotes),
        });
        return at;
    }

    // Mostly campaigns, now and then an order confirmation.
    private string Campaign() => random.Bool(0.1) ? DemoCatalog.OrderConfirmation : MarketingCampaign();

    // People unsubscribe from and complain about campaigns, not about their order confirmations.
    private string MarketingCampaign() => random.Pick(DemoCatalog.EmailCampaigns);

    // Some time after an event, but never on or after the seeding day: then halfway to it instead.
    private DateTime Later(DateTime after, int minMinutes, int maxMinutes)
    {
        var at = after.AddMinutes(random.Int(minMinutes, maxMinutes));
        return at < today ? at : after + (today - after) / 2;
    }

    private void Add(EmailEvent emailEvent)
    {
        emailEvent.Address = address;
        draft.EmailEvents.Add(emailEvent);
        if (emailEvent.Actor is { } actor) draft.Edited(emailEvent.OccurredAt, actor);
    }

    private void AddActivity(DateTime at, string message, MessageStatus status, string? details) =>
        draft.Activities.Add(new Activity
        {
            OccurredAt = at,
            Channel = ActivityChannel.Email,
            Name = message,
            Status = status,
            Details = details,
        });

    private static string Slug(string message) => message.ToLowerInvariant().Replace(' ', '-');

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
