using ContactsAdmin.Features.Api;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// An unexpected failure in an API endpoint answers a 500 problem detail: the app's error handler would
/// otherwise re-execute the UI's error page, which an API caller cannot read.
/// </summary>
public static class ApiFailures
{
    public static async ValueTask<object?> AsProblemAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ContactsAdmin.Api");
            logger.LogError(e, "The API request {Method} {Path} failed.", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return ApiProblems.Problem(StatusCodes.Status500InternalServerError, "server-error", "Something went wrong",
                "The request could not be completed. Repeating it is safe (writes match by identifiers, events by keyValue); tell an Admin if it keeps failing.");
        }
    }
}
