using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Contacts the demo always creates, with known identifiers and a known email status, for tests and for showing
/// the app. They are the first contacts seeded and count towards the total. The addresses are on the reserved
/// .test domain, so they can never reach anyone.
/// </summary>
public static class DemoContacts
{
    public const string Domain = "demo.contactsadmin.test";

    public const string ActiveEmail = "active@" + Domain;
    public const string UnsubscribedEmail = "unsubscribed@" + Domain;
    public const string ReportedSpamEmail = "reported-spam@" + Domain;
    public const string NonExistentAddressEmail = "non-existent-address@" + Domain;
    public const string InactiveAddressEmail = "inactive-address@" + Domain;
    public const string MailboxFullEmail = "mailbox-full@" + Domain;
    public const string SpamTrapEmail = "spam-trap@" + Domain;
    public const string ManualBlacklistEmail = "manual-blacklist@" + Domain;
    /// <summary>Unsubscribed, later blacklisted by a bounce, then taken off the blacklist: Unsubscribed again (rule 9).</summary>
    public const string RemovedFromBlacklistEmail = "removed-from-blacklist@" + Domain;

    /// <summary>Olena Koval: Active, with a known phone, External ID, an iPhone and a web push subscription.</summary>
    public const string KnownIdsEmail = "olena.koval@" + Domain;
    public const string KnownPhone = "+380671234567";
    public const string KnownExternalId = "crm-100001";

    /// <summary>A contact with no email (status NoEmail), found by this External ID.</summary>
    public const string NoEmailExternalId = "crm-100002";

    /// <summary>Every known contact, in the order they are created.</summary>
    public static IReadOnlyList<DemoContact> All { get; } =
    [
        new(ActiveEmail, "Emma", "Walker", EmailStatus.Active, null) { Gender = Gender.Female, Locale = "en_GB", Scenario = DemoEmailScenario.Active },
        new(UnsubscribedEmail, "Lukas", "Becker", EmailStatus.Unsubscribed, null) { Gender = Gender.Male, Locale = "de", Scenario = DemoEmailScenario.Unsubscribed },
        new(ReportedSpamEmail, "Sophie", "Martin", EmailStatus.ReportedSpam, null) { Gender = Gender.Female, Locale = "fr", Scenario = DemoEmailScenario.ReportedSpam },
        new(NonExistentAddressEmail, "Jake", "Miller", EmailStatus.Blacklisted, BlacklistReason.NonExistentAddress) { Gender = Gender.Male, Locale = "en_US", Scenario = DemoEmailScenario.NonExistentAddress },
        new(InactiveAddressEmail, "Marta", "Nowak", EmailStatus.Blacklisted, BlacklistReason.InactiveAddress) { Gender = Gender.Female, Locale = "pl", Scenario = DemoEmailScenario.InactiveAddressSoftBounces },
        new(MailboxFullEmail, "Carmen", "García", EmailStatus.Blacklisted, BlacklistReason.MailboxFull) { Gender = Gender.Female, Locale = "es", Scenario = DemoEmailScenario.MailboxFullHardBounce },
        new(SpamTrapEmail, "Іван", "Мельник", EmailStatus.Blacklisted, BlacklistReason.SpamTrap) { Gender = Gender.Male, Locale = "uk", Scenario = DemoEmailScenario.SpamTrap },
        new(ManualBlacklistEmail, "Daniel", "Schmidt", EmailStatus.Blacklisted, BlacklistReason.Manual) { Gender = Gender.Male, Locale = "de", Scenario = DemoEmailScenario.ManualBlacklist },
        new(RemovedFromBlacklistEmail, "Оксана", "Шевченко", EmailStatus.Unsubscribed, null) { Gender = Gender.Female, Locale = "uk", Scenario = DemoEmailScenario.RemovedBackToUnsubscribed },
        new(KnownIdsEmail, "Олена", "Коваль", EmailStatus.Active, null) { Gender = Gender.Female, Locale = "uk", Scenario = DemoEmailScenario.Active, Phone = KnownPhone, ExternalId = KnownExternalId },
        new(null, "Тарас", "Бондаренко", EmailStatus.NoEmail, null) { Gender = Gender.Male, Locale = "uk", ExternalId = NoEmailExternalId },
    ];
}

/// <summary>A contact the demo always creates, and the email status it is promised to have.</summary>
public sealed record DemoContact(string? Email, string FirstName, string LastName, EmailStatus Status, BlacklistReason? BlacklistReason)
{
    public string? Phone { get; init; }
    public string? ExternalId { get; init; }
    internal Gender Gender { get; init; }
    internal string Locale { get; init; } = "en_US";
    internal DemoEmailScenario Scenario { get; init; }
}
