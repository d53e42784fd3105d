using ContactsAdmin.Setup;

namespace ContactsAdmin.Features.Users;

/// <summary>How quickly taken-away access ends and how fast sign-in may be tried, from the "Accounts" section.</summary>
public sealed record AccountSecurityOptions : ISettingsSection
{
    public static string Section => "Accounts";

    /// <summary>
    /// How old a session's last check may be before the next request (or an open page) checks again that the
    /// user still exists with the same security stamp. A role change, disabling, deletion, a password reset or
    /// a sign-out changes the stamp, so access ends within this time. Zero checks on every request.
    /// </summary>
    public TimeSpan RevalidationInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An open page re-checks no more often than this, so a zero interval does not spin.</summary>
    public static readonly TimeSpan MinCircuitRevalidationInterval = TimeSpan.FromSeconds(1);

    public SignInRateLimit SignInRateLimit { get; init; } = new();

    public TimeSpan CircuitRevalidationInterval =>
        RevalidationInterval > MinCircuitRevalidationInterval ? RevalidationInterval : MinCircuitRevalidationInterval;

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (RevalidationInterval < TimeSpan.Zero) yield return (nameof(RevalidationInterval), "must be zero or more, e.g. 00:00:10.");
        if (SignInRateLimit.PerIp < 1) yield return ("SignInRateLimit:PerIp", "must be at least 1.");
        if (SignInRateLimit.PerAccount < 1) yield return ("SignInRateLimit:PerAccount", "must be at least 1.");
        if (SignInRateLimit.Window <= TimeSpan.Zero) yield return ("SignInRateLimit:Window", "must be longer than zero, e.g. 00:01:00.");
    }
}

/// <summary>Sign-in attempts allowed in a window.</summary>
public sealed record SignInRateLimit
{
    /// <summary>Sign-in attempts per window from one IP address.</summary>
    public int PerIp { get; init; } = 10;

    /// <summary>Sign-in attempts per window for one account name, from anywhere.</summary>
    public int PerAccount { get; init; } = 5;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);
}
