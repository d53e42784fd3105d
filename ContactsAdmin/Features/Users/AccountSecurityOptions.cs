namespace ContactsAdmin.Features.Users;

/// <summary>How quickly taken-away access ends and how fast sign-in may be tried, from the "Accounts" section.</summary>
public sealed record AccountSecurityOptions
{
    /// <summary>
    /// How old a session's last check may be before the next request (or an open page) checks again that the
    /// user still exists with the same security stamp. A role change, disabling, deletion, a password reset or
    /// a sign-out changes the stamp, so access ends within this time. Zero checks on every request.
    /// </summary>
    public TimeSpan RevalidationInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An open page re-checks no more often than this, so a zero interval does not spin.</summary>
    public static readonly TimeSpan MinCircuitRevalidationInterval = TimeSpan.FromSeconds(1);

    /// <summary>Sign-in attempts per window from one IP address.</summary>
    public int SignInPerIpLimit { get; init; } = 10;

    /// <summary>Sign-in attempts per window for one account name, from anywhere.</summary>
    public int SignInPerAccountLimit { get; init; } = 5;

    public TimeSpan SignInWindow { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan CircuitRevalidationInterval =>
        RevalidationInterval > MinCircuitRevalidationInterval ? RevalidationInterval : MinCircuitRevalidationInterval;

    public static AccountSecurityOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Accounts");
        var defaults = new AccountSecurityOptions();
        return new AccountSecurityOptions
        {
            RevalidationInterval = section.GetValue("RevalidationInterval", defaults.RevalidationInterval),
            SignInPerIpLimit = section.GetValue("SignInRateLimit:PerIp", defaults.SignInPerIpLimit),
            SignInPerAccountLimit = section.GetValue("SignInRateLimit:PerAccount", defaults.SignInPerAccountLimit),
            SignInWindow = section.GetValue("SignInRateLimit:Window", defaults.SignInWindow),
        };
    }
}
