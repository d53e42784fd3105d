using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Email;

public static class UnsubscribeReasonLabel
{
    /// <summary>How an unsubscribe happened, as it reads after "Unsubscribed": "on request", "via the unsubscribe link".</summary>
    public static string Of(UnsubscribeReason reason) => reason switch
    {
        UnsubscribeReason.UnsubscribeLink => "via the unsubscribe link",
        UnsubscribeReason.ListUnsubscribeHeader => "via the mail client's unsubscribe button",
        UnsubscribeReason.PreferenceCentre => "in the preference centre",
        UnsubscribeReason.ByUserOnRequest => "on request",
        UnsubscribeReason.Api => "through the API",
        _ => "by an import",
    };
}
