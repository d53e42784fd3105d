using ContactsAdmin.Data;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// CORS for POST /forms/{formKey}, per form: a page on one of the form's allowed origins (set at /settings/forms) may
/// post to it from the browser and read the answer; any other origin gets no Access-Control-Allow-Origin, so the
/// browser keeps the answer from its script (and refuses a JSON post at the preflight). Read from the store on each
/// request, so an edit applies at once.
/// </summary>
public sealed class FormCorsPolicyProvider(IDbContextFactory<AppDbContext> dbFactory) : ICorsPolicyProvider
{
    public const string PolicyName = "form-origins";

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (policyName != PolicyName || context.GetRouteValue("formKey") is not string formKey) return null;
        await using var db = await dbFactory.CreateDbContextAsync(context.RequestAborted);
        // A paused form keeps its origins: the page's script can then read the 404 it answers.
        var origins = await db.SubscriptionForms.AsNoTracking().Where(f => f.Key == formKey)
            .Select(f => f.AllowedOrigins).SingleOrDefaultAsync(context.RequestAborted) ?? [];
        var policy = new CorsPolicyBuilder().WithMethods(HttpMethods.Post).WithHeaders("Content-Type");
        return (origins.Count > 0 ? policy.WithOrigins([.. origins]) : policy).Build();
    }
}
