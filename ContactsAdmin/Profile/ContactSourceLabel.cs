using ContactsAdmin.Data;

namespace ContactsAdmin.Profile;

public static class ContactSourceLabel
{
    /// <summary>How a source reads on screen.</summary>
    public static string Of(ContactSource source) => source switch
    {
        ContactSource.SubscriptionForm => "Subscription form",
        ContactSource.MobileApp => "Mobile app",
        ContactSource.Api => "API",
        _ => source.ToString(),
    };
}
