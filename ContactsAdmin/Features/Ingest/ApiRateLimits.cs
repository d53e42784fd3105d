using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.Ingest.Endpoints;
using Microsoft.AspNetCore.RateLimiting;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// ASP.NET Core's rate limiter, in fixed windows: per API key for /api/v1, per IP address for the public
/// form. A refused request gets 429 with Retry-After (seconds until the window ends) and a problem detail.
/// </summary>
/// <remarks>
/// The windows are the clock's (a one-minute window runs from one whole minute to the next): each partition is a
/// caller in one such window. The limiter's own windows start whenever its timer gets round to them, and it tells a
/// refused caller to wait a whole window (its RetryAfter metadata), however little of it is left; here the end of the
/// window is known, so Retry-After counts down to it. A caller's limiter from an earlier window refills when its own
/// window has passed, is then idle, and the partitioned limiter drops it.
/// </remarks>
public static class ApiRateLimits
{
    public const string PerKeyPolicy = "api-per-key";
    private const string WindowEndItem = "rate-limit-window-end";

    public static void Configure(RateLimiterOptions limiter, ApiOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = RejectAsync;
        // The key was authenticated before the limiter runs (authorization comes first in the pipeline).
        limiter.AddPolicy(PerKeyPolicy, context => Partition(context,
            context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? "no-key", options.RateLimit.PermitLimit, options.RateLimit.Window));
        limiter.AddPolicy(FormEndpoints.RateLimitPolicy, context => Partition(context,
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown", options.FormRateLimit.PermitLimit, options.FormRateLimit.Window));
    }

    /// <summary>The clock's window <paramref name="now"/> falls in, by number, and when it ends.</summary>
    public static (long Number, DateTimeOffset End) WindowAt(DateTimeOffset now, TimeSpan window)
    {
        var number = now.UtcTicks / window.Ticks;
        return (number, new DateTimeOffset((number + 1) * window.Ticks, TimeSpan.Zero));
    }

    /// <summary>Whole seconds from <paramref name="now"/> to the window's <paramref name="end"/>, rounded up, at least 1.</summary>
    public static int RetryAfterSeconds(DateTimeOffset now, DateTimeOffset end) =>
        Math.Max(1, (int)Math.Ceiling((end - now).TotalSeconds));

    private static RateLimitPartition<string> Partition(HttpContext context, string caller, int permits, TimeSpan window)
    {
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var (number, end) = WindowAt(clock.GetUtcNow(), window);
        context.Items[WindowEndItem] = end;
        return RateLimitPartition.GetFixedWindowLimiter(string.Create(CultureInfo.InvariantCulture, $"{caller}@{number}"),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var seconds = http.Items[WindowEndItem] is DateTimeOffset end ? RetryAfterSeconds(now, end) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many requests",
            $"Slow down: try again in {seconds} second(s).").ExecuteAsync(http);
    }
}
