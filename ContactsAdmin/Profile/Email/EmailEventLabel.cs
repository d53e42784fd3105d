using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Email;

/// <summary>How an email event reads in the card's event log: "Unsubscribed on request", "Blacklisted by an Admin (local list): Spam trap".</summary>
public static class EmailEventLabel
{
    /// <summary>The kind alone.</summary>
    public static string Of(EmailEventKind kind) => kind switch
    {
        EmailEventKind.Delivered => "Delivered",
        EmailEventKind.SoftBounce => "Soft bounce",
        EmailEventKind.HardBounce => "Hard bounce",
        EmailEventKind.SpamComplaint => "Spam complaint",
        EmailEventKind.SpamTrapHit => "Spam trap hit",
        EmailEventKind.Unsubscribed => "Unsubscribed",
        EmailEventKind.Resubscribed => "Resubscribed",
        EmailEventKind.BlacklistAdded => "Blacklisted",
        _ => "Removed from blacklist",
    };

    /// <summary>The kind with what the event says about how and why.</summary>
    public static string Of(EmailEvent e) => e.Kind switch
    {
        EmailEventKind.Unsubscribed when e.UnsubscribeReason is { } how => $"{Of(e.Kind)} {UnsubscribeReasonLabel.Of(how)}",
        EmailEventKind.BlacklistAdded => BlacklistScopeLabel.Blacklisted(e.BlacklistScope ?? BlacklistScope.Local) +
            (e.BlacklistReason is { } reason and not BlacklistReason.Manual ? $": {BlacklistReasonLabel.Of(reason)}" : ""),
        _ => Of(e.Kind),
    };
}
