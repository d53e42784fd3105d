using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.Ingest.Payloads;

namespace ContactsAdmin.Features.Ingest.Endpoints;

/// <summary>POST /forms/{formKey}: the public subscription form. No API key; rate limited per IP address.</summary>
public static class FormEndpoints
{
    public const string RateLimitPolicy = "form-per-ip";

    /// <summary>Where a form posts, relative to the app's base address (as the snippets on /settings/forms show it).</summary>
    public static string PathOf(string formKey) => $"forms/{Uri.EscapeDataString(formKey)}";

    public static IEndpointRouteBuilder MapFormEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/forms/{formKey}", SubmitAsync)
            .AllowAnonymous()
            // Posted from other sites' pages, which cannot hold this app's antiforgery token.
            .DisableAntiforgery()
            // Browsers may post from the form's allowed origins only (set per form at /settings/forms).
            .RequireCors(FormCorsPolicyProvider.PolicyName)
            .RequireRateLimiting(RateLimitPolicy)
            .WithName("SubmitForm").WithTags("Forms")
            .WithSummary("Submit a public subscription form")
            .WithDescription("JSON or an HTML form post (application/x-www-form-urlencoded). Anonymous: the email finds the contact or " +
                             "creates one (source SubscriptionForm); names and phone only fill empty fields and never replace what is stored; " +
                             "the chosen categories are subscribed unless the address unsubscribed, reported spam or is blacklisted (only the " +
                             "contact's consent, recorded by a Marketer, brings it back). The answer is the same whether or not the person " +
                             "was known. The hidden field 'website' is a honeypot.")
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
            var other => throw new InvalidOperationException($"Unknown outcome {other}"),
        };
    }
}
