using ContactsAdmin.Features.Ingest.Payloads;

namespace ContactsAdmin.Features.Ingest.Endpoints;

/// <summary>POST /forms/{formKey}: the public subscription form. No API key; rate limited per IP address.</summary>
public static class FormEndpoints
{
    public const string RateLimitPolicy = "form-per-ip";

    public static IEndpointRouteBuilder MapFormEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/forms/{formKey}", SubmitAsync)
            .AllowAnonymous()
            // Posted from other sites' pages, which cannot hold this app's antiforgery token.
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicy)
            .WithName("SubmitForm").WithTags("Forms")
            .WithSummary("Submit a public subscription form")
            .WithDescription("JSON or an HTML form post (application/x-www-form-urlencoded). Creates or updates the contact (source " +
                             "SubscriptionForm) and subscribes the chosen categories of the form. The hidden field 'website' is a honeypot.")
            .AcceptsJson<FormSubmission>("application/x-www-form-urlencoded")
            .Produces<FormResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(ApiExamples.Form);
        return app;
    }

    private static async Task<IResult> SubmitAsync(string formKey, HttpRequest request, ApiRequestBody body, FormIngest ingest, CancellationToken ct)
    {
        FormSubmission submission;
        if (request.HasFormContentType)
        {
            if (body.CheckFormSize(request) is { } tooLarge) return tooLarge;
            submission = FormSubmission.FromForm(await request.ReadFormAsync(ct));
        }
        else
        {
            var (json, problem) = await body.ReadAsync<FormSubmission>(request, ct);
            if (problem is not null) return problem;
            submission = json!;
        }

        return await ingest.SubmitAsync(formKey, submission, ct) switch
        {
            FormOutcome.Accepted accepted => TypedResults.Ok(new FormResponse("Thank you for subscribing.", accepted.Subscribed)),
            FormOutcome.UnknownForm => ApiProblems.NotFound($"There is no form '{formKey}'."),
            FormOutcome.Invalid invalid => ApiProblems.Validation(invalid.Errors, "Please check the fields marked."),
            FormOutcome.Conflict conflict => ApiProblems.Problem(StatusCodes.Status409Conflict, "identity-conflict",
                "The email and phone belong to different people", "Use the email or the phone you subscribed with before."),
            var other => throw new InvalidOperationException($"Unknown outcome {other}"),
        };
    }
}
