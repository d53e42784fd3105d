using System.Net.Mail;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Profile.Email;

namespace ContactsAdmin.Setup;

/// <summary>What start-up (and `init`) creates in a new store, from the "Seed" section.</summary>
public sealed record SeedOptions : ISettingsSection
{
    public static string Section => "Seed";

    /// <summary>The Admin created on first start.</summary>
    public string AdminEmail { get; init; } = "admin@example.com";

    /// <summary>That Admin's password; empty means generate one and print it once.</summary>
    public string? AdminPassword { get; init; }

    /// <summary>Fill an empty store with demo data on start; unset, <see cref="StorePolicy"/> decides by environment.</summary>
    public bool? Demo { get; init; }

    /// <summary>How many demo contacts.</summary>
    public int DemoContacts { get; init; } = DemoDataOptions.Default.Contacts;

    /// <summary>Activities per demo contact, about; unset gives the demo mix.</summary>
    public int? DemoActivitiesPerContact { get; init; }

    /// <summary>The demo data start-up writes, its contacts' email status folded with the app's thresholds.</summary>
    public DemoDataOptions DemoData(EmailStatusRuleOptions emailStatusRules) => DemoDataOptions.Default with
    {
        Contacts = DemoContacts,
        ActivitiesPerContact = DemoActivitiesPerContact,
        EmailStatusRules = emailStatusRules,
    };

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (!MailAddress.TryCreate(AdminEmail, out var address) || address.Address != AdminEmail.Trim())
            yield return (nameof(AdminEmail), "must be an email address, e.g. admin@example.com.");
        if (DemoContacts < 0) yield return (nameof(DemoContacts), "must be 0 or more.");
        if (DemoActivitiesPerContact < 0) yield return (nameof(DemoActivitiesPerContact), "must be 0 or more, or left out for the demo mix.");
    }
}
