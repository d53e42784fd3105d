using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Profile.Email;

namespace ContactsAdmin.Features.Demo;

/// <summary>How much demo data to create. The same options (and the same day) give the same data.</summary>
public sealed record DemoDataOptions
{
    public static readonly DemoDataOptions Default = new();

    /// <summary>How many contacts, the known <see cref="DemoContacts"/> included (there are always all of those).</summary>
    public int Contacts { get; init; } = 2000;
    /// <summary>Activities per contact, about (each varies by a fifth either way); null gives the demo mix of 20 to 200 each.</summary>
    public int? ActivitiesPerContact { get; init; }
    public int Seed { get; init; } = 20261129;
    /// <summary>The thresholds the contacts' email status is folded with: the app's, so the stored status matches.</summary>
    public EmailStatusRuleOptions EmailStatusRules { get; init; } = EmailStatusRuleOptions.Default;
}
