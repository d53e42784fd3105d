using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Email;

/// <summary>
/// The email status rules of spec section 3 as one pure function: a fold over an address's email events.
/// The contact's status columns must always equal what this returns for the contact's address.
/// </summary>
public static class EmailStatusRules
{
    /// <summary>
    /// Folds the events of one address in time order (OccurredAt, then Id; the caller's order is not trusted)
    /// and returns the status shown, every status that holds and the blacklistings the log produced.
    /// </summary>
    public static EmailStatusState Fold(IEnumerable<EmailEvent> events, EmailStatusRuleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        options ??= EmailStatusRuleOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SoftBounceLimit, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SoftBounceWindow, TimeSpan.Zero, nameof(options));

        var fold = new EmailStatusFold(options);
        // OrderBy is stable, so events equal in time and id (unsaved ones) keep the caller's order.
        foreach (var emailEvent in events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id))
            fold.Apply(emailEvent);
        return fold.Result();
    }

    /// <summary>Strongest first: the order in which the card lists holding statuses (rule 11).</summary>
    internal static int Strength(EmailStatus status) => status switch
    {
        EmailStatus.Blacklisted => 3,
        EmailStatus.ReportedSpam => 2,
        EmailStatus.Unsubscribed => 1,
        _ => 0,
    };
}
