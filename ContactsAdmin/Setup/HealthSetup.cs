using ContactsAdmin.Data;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.Ingest;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ContactsAdmin.Setup;

public static class HealthSetup
{
    private const string ReadyTag = "ready";

    /// <summary>The store's readiness check, and a guard that answers writes with 503 once the store has vanished.</summary>
    public static WebApplicationBuilder AddContactsHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<StoreHealth>("store", tags: [ReadyTag]);
        builder.Services.AddTransient<IStartupFilter, StoreWriteGuard>();
        return builder;
    }

    /// <summary>
    /// /health/live: the process answers. /health/ready: the store can be written. Both anonymous (load balancers and
    /// orchestrators have no account) and they say only Healthy or Unhealthy; the reason goes to the log.
    /// </summary>
    public static WebApplication MapContactsHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Runs first in the pipeline (a start-up filter, before authentication, which reads the store too), so no
    /// request writes into a store that is gone: writes answer 503 problem details and name nothing of the server.
    /// </summary>
    private sealed class StoreWriteGuard(StoreHealth health, ILogger<StoreHealth> logger) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextStep) =>
            {
                if (IsWrite(context.Request) && health.Vanished() is { } problem)
                {
                    logger.LogError("Refused {Method} {Path}: {Problem}", context.Request.Method, context.Request.Path, problem);
                    await ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "store-unavailable", "The store is unavailable",
                        "The contact store cannot be reached; nothing was written. Try again later, and tell an Admin if it lasts.").ExecuteAsync(context);
                    return;
                }
                await nextStep(context);
            });
            next(app);
        };

        // Blazor's connection set-up is a POST but writes nothing; the UI's own writes travel over its circuit.
        private static bool IsWrite(HttpRequest request) =>
            !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && !request.Path.StartsWithSegments("/_blazor");
    }
}
