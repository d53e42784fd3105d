using System.Threading.RateLimiting;

namespace ContactsAdmin.Features.Users;

/// <summary>One try at signing in: where it comes from and which account it names.</summary>
public readonly record struct SignInAttemptSource(string ClientAddress, string AccountName);

/// <summary>
/// Fixed windows of sign-in attempts per client address and per account name (the framework's partitioned
/// rate limiters, chained: an attempt needs a permit from both). Every attempt counts, whatever its outcome,
/// so parallel guesses are counted before any of them is checked.
/// </summary>
/// <remarks>
/// Not the rate-limiting middleware: the account name is in the posted form, which a middleware partition
/// cannot read, and the refusal is the sign-in page with its own message.
/// </remarks>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<SignInAttemptSource> perAddress, perAccount, limiter;

    public SignInThrottle(AccountSecurityOptions options)
    {
        perAddress = PartitionedRateLimiter.Create<SignInAttemptSource, string>(attempt =>
            RateLimitPartition.GetFixedWindowLimiter("ip:" + attempt.ClientAddress, _ => Window(options.SignInRateLimit.PerIp, options.SignInRateLimit.Window)));
        perAccount = PartitionedRateLimiter.Create<SignInAttemptSource, string>(attempt =>
            RateLimitPartition.GetFixedWindowLimiter("account:" + Normalize(attempt.AccountName), _ => Window(options.SignInRateLimit.PerAccount, options.SignInRateLimit.Window)));
        limiter = PartitionedRateLimiter.CreateChained(perAddress, perAccount);
    }

    /// <summary>Takes a permit for the attempt; null when it may go ahead, else how long to wait.</summary>
    public TimeSpan? TryStart(SignInAttemptSource attempt)
    {
        using var lease = limiter.AttemptAcquire(attempt);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    // "Jane@Example.com " and "jane@example.com" are one account.
    private static string Normalize(string accountName) => accountName.Trim().ToUpperInvariant();

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    // The chained limiter does not own the limiters it chains.
    public void Dispose()
    {
        limiter.Dispose();
        perAddress.Dispose();
        perAccount.Dispose();
    }
}
