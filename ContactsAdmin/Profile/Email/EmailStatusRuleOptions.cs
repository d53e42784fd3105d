using ContactsAdmin.Setup;

namespace ContactsAdmin.Profile.Email;

/// <summary>The thresholds of the email status rules (spec section 3). Bound from the "EmailStatus" section.</summary>
public sealed record EmailStatusRuleOptions : ISettingsSection
{
    public static string Section => "EmailStatus";

    public static readonly EmailStatusRuleOptions Default = new();

    /// <summary>Soft bounces in a row, with no Delivered between them, that blacklist the address.</summary>
    public int SoftBounceLimit { get; init; } = 3;

    /// <summary>The soft bounces of a streak must all fall within this span (first to last).</summary>
    public TimeSpan SoftBounceWindow { get; init; } = TimeSpan.FromDays(30);

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (SoftBounceLimit < 1) yield return (nameof(SoftBounceLimit), "must be at least 1.");
        if (SoftBounceWindow <= TimeSpan.Zero) yield return (nameof(SoftBounceWindow), "must be longer than zero, e.g. 30.00:00:00.");
    }
}
