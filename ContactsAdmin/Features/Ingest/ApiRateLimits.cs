using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using ContactsAdmin.Features.Ingest.Endpoints;
using Microsoft.AspNetCore.RateLimiting;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// ASP.NET Core's rate limiter, in fixed windows: per API key for /api/v1, per IP address for the public
/// form. A refused request gets 429 with Retry-After (seconds until the window ends) and a problem detail.
/// </summary>
public static class ApiRateLimits
{
    public const string PerKeyPolicy = "api-per-key";

    public static void Configure(RateLimiterOptions limiter, ApiOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = RejectAsync;
        // The key was authenticated before the limiter runs (authorization comes first in the pipeline).
        limiter.AddPolicy(PerKeyPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? "no-key",
            _ => Window(options.KeyPermitLimit, options.KeyWindow)));
        limiter.AddPolicy(FormEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => Window(options.FormPermitLimit, options.FormWindow)));
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        var response = context.HttpContext.Response;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many requests",
            $"Slow down: try again in {seconds} second(s).").ExecuteAsync(context.HttpContext);
    }
}
