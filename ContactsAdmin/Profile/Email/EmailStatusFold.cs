using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Email;

/// <summary>The running state of <see cref="EmailStatusRules.Fold"/>: one event at a time, in time order.</summary>
internal sealed class EmailStatusFold(EmailStatusRuleOptions options)
{
    private readonly List<Blacklisting> blacklistings = [];
    private readonly List<EmailEvent> softBounceStreak = [];
    private HeldEmailStatus? unsubscribed;
    private HeldEmailStatus? reportedSpam;

    // When and why the address last became Active again (a resubscribe, a removal from the blacklist);
    // null while it has been Active from the start.
    private DateTime? activeSince;
    private string? activeReason;

    public void Apply(EmailEvent e)
    {
        var shownBefore = Shown()?.Status ?? EmailStatus.Active;
        switch (e.Kind)
        {
            case EmailEventKind.Delivered:
                softBounceStreak.Clear();
                break;
            case EmailEventKind.SoftBounce:
                CountSoftBounce(e);
                break;
            case EmailEventKind.HardBounce:
                var reason = SmtpCodes.HardBounceReason(e);
                Blacklist(reason, BlacklistScope.System, e, actor: null, note: e.Diagnostic, EmailStatusReasons.HardBounce(reason, e));
                break;
            case EmailEventKind.SpamTrapHit:
                Blacklist(BlacklistReason.SpamTrap, BlacklistScope.System, e, actor: null, note: e.Diagnostic, EmailStatusReasons.SpamTrapHit(e));
                break;
            case EmailEventKind.SpamComplaint:
                // A second complaint changes nothing: the status began with the first.
                reportedSpam ??= new HeldEmailStatus(EmailStatus.ReportedSpam, e.OccurredAt, EmailStatusReasons.SpamComplaint(e));
                break;
            case EmailEventKind.Unsubscribed:
                unsubscribed ??= new HeldEmailStatus(EmailStatus.Unsubscribed, e.OccurredAt, EmailStatusReasons.Unsubscribed(e));
                break;
            case EmailEventKind.Resubscribed:
                // Explicit consent overrides the contact's own opt-outs, never a blacklist (rule 10).
                unsubscribed = null;
                reportedSpam = null;
                break;
            case EmailEventKind.BlacklistAdded:
                var chosen = e.BlacklistReason ?? BlacklistReason.Manual;
                Blacklist(chosen, e.BlacklistScope ?? BlacklistScope.Local, e, e.Actor, e.Note, EmailStatusReasons.BlacklistAdded(chosen, e));
                break;
            case EmailEventKind.BlacklistRemoved:
                RemoveFromBlacklist(e);
                break;
        }

        var shownAfter = Shown()?.Status ?? EmailStatus.Active;
        if (shownAfter == EmailStatus.Active && shownBefore != EmailStatus.Active)
        {
            activeSince = e.OccurredAt;
            activeReason = e.Kind == EmailEventKind.BlacklistRemoved
                ? EmailStatusReasons.BlacklistRemoved(e)
                : EmailStatusReasons.Resubscribed(e);
        }
    }

    public EmailStatusState Result()
    {
        var holding = Holding();
        if (holding.Count == 0)
            return new EmailStatusState(EmailStatus.Active, activeSince, activeReason, null, null, holding, blacklistings.ToList(), softBounceStreak.Count);

        var shown = holding[0];
        return new EmailStatusState(shown.Status, shown.Since, shown.Reason, shown.BlacklistReason, shown.BlacklistScope,
            holding, blacklistings.ToList(), softBounceStreak.Count);
    }

    // Rule 4: the streak keeps only the bounces within the window of the newest one, so bounces spread
    // over a longer time never add up; a Delivered (above) or a removal from the blacklist starts it over.
    private void CountSoftBounce(EmailEvent bounce)
    {
        softBounceStreak.Add(bounce);
        softBounceStreak.RemoveAll(earlier => bounce.OccurredAt - earlier.OccurredAt > options.SoftBounceWindow);
        if (softBounceStreak.Count < options.SoftBounceLimit) return;

        var reason = SmtpCodes.SoftBounceStreakReason(bounce);
        var explanation = EmailStatusReasons.SoftBounces(reason, softBounceStreak.Count, options.SoftBounceWindow, bounce);
        Blacklist(reason, BlacklistScope.System, bounce, actor: null, note: bounce.Diagnostic, explanation);
        // The blacklisting now stands for these bounces; later ones count towards a new streak.
        softBounceStreak.Clear();
    }

    private void Blacklist(BlacklistReason reason, BlacklistScope scope, EmailEvent cause, string? actor, string? note, string explanation)
    {
        // A late bounce for an address already on the list for the same reason adds nothing new.
        if (blacklistings.Any(b => b.IsActive && b.Reason == reason && b.Scope == scope)) return;
        blacklistings.Add(new Blacklisting(reason, scope, cause.OccurredAt, actor, note, explanation));
    }

    // Rule 9, kept simple on purpose: a removal takes the address off the blacklist, so it ends every active
    // blacklisting of the address, System and Local alike (the UI asks an Admin to confirm System ones).
    // What remains (an unsubscribe, a complaint) shows again, and the soft-bounce streak starts over.
    private void RemoveFromBlacklist(EmailEvent removal)
    {
        for (var i = 0; i < blacklistings.Count; i++)
        {
            if (blacklistings[i].IsActive)
                blacklistings[i] = blacklistings[i] with { RemovedAt = removal.OccurredAt, RemovedBy = removal.Actor, RemovalNote = removal.Note };
        }
        softBounceStreak.Clear();
    }

    private HeldEmailStatus? Shown()
    {
        // Most events find the address Active; seeding folds millions of them.
        if (blacklistings.Count == 0 && reportedSpam is null && unsubscribed is null) return null;
        var holding = Holding();
        return holding.Count == 0 ? null : holding[0];
    }

    // Rule 11: strongest first, then oldest first; the oldest active blacklisting is when Blacklisted began.
    private List<HeldEmailStatus> Holding()
    {
        var holding = blacklistings
            .Where(b => b.IsActive)
            .Select(b => new HeldEmailStatus(EmailStatus.Blacklisted, b.AddedAt, b.Explanation, b.Reason, b.Scope))
            .ToList();
        if (reportedSpam is not null) holding.Add(reportedSpam);
        if (unsubscribed is not null) holding.Add(unsubscribed);
        return holding
            .OrderByDescending(h => EmailStatusRules.Strength(h.Status))
            .ThenBy(h => h.Since)
            .ToList();
    }
}
