using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Email;

public static class EmailStatusLabel
{
    /// <summary>How an email status reads on screen and in the contact's change history.</summary>
    public static string Of(EmailStatus status) => status switch
    {
        EmailStatus.Active => "Active",
        EmailStatus.Unsubscribed => "Unsubscribed",
        EmailStatus.ReportedSpam => "Reported spam",
        EmailStatus.Blacklisted => "Blacklisted",
        _ => "No email",
    };
}
