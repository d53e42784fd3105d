namespace ContactsAdmin.Features.Demo;

/// <summary>What happens to a demo contact's email address over time; the email events tell the story.</summary>
internal enum DemoEmailScenario
{
    Active,
    ActiveAfterResubscribe,
    Unsubscribed,
    ReportedSpam,
    NonExistentAddress,
    InactiveAddressHardBounce,
    InactiveAddressSoftBounces,
    MailboxFullHardBounce,
    MailboxFullSoftBounces,
    SpamTrap,
    ManualBlacklist,
    RemovedBackToActive,
    RemovedBackToUnsubscribed,
}

internal static class DemoEmailScenarios
{
    /// <summary>Stories that need some weeks of history to be told.</summary>
    public static readonly TimeSpan ShortestHistory = TimeSpan.FromDays(60);

    // Most addresses are fine; the rest give every status and blacklist reason enough rows to filter on.
    private static readonly (DemoEmailScenario Scenario, float Weight)[] Mix =
    [
        (DemoEmailScenario.Active, 66f),
        (DemoEmailScenario.ActiveAfterResubscribe, 3f),
        (DemoEmailScenario.Unsubscribed, 11f),
        (DemoEmailScenario.ReportedSpam, 3f),
        (DemoEmailScenario.NonExistentAddress, 3f),
        (DemoEmailScenario.InactiveAddressHardBounce, 2f),
        (DemoEmailScenario.InactiveAddressSoftBounces, 2f),
        (DemoEmailScenario.MailboxFullHardBounce, 1.5f),
        (DemoEmailScenario.MailboxFullSoftBounces, 1.5f),
        (DemoEmailScenario.SpamTrap, 1f),
        (DemoEmailScenario.ManualBlacklist, 2f),
        (DemoEmailScenario.RemovedBackToActive, 1.5f),
        (DemoEmailScenario.RemovedBackToUnsubscribed, 1.5f),
    ];

    private static readonly DemoEmailScenario[] Scenarios = [.. Mix.Select(m => m.Scenario)];
    private static readonly float[] Weights = [.. Mix.Select(m => m.Weight)];

    public static DemoEmailScenario Pick(DemoRandom random, TimeSpan history) =>
        history < ShortestHistory ? DemoEmailScenario.Active : random.Weighted(Scenarios, Weights);
}
