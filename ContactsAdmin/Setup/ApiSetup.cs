using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Features.Ingest.Endpoints;
using ContactsAdmin.Features.Segments;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ContactsAdmin.Setup;

public static class ApiSetup
{
    /// <summary>Lets an API key or a signed-in user read the OpenAPI document.</summary>
    public const string DocsPolicy = "ApiDocs";
    private const string DocsScheme = "ApiKeyOrCookie";

    /// <summary>
    /// The HTTP API for apps, websites and back ends: its services, the API-key scheme (401 problem details,
    /// never the sign-in redirect), a policy per scope, rate limits and the OpenAPI document.
    /// </summary>
    public static WebApplicationBuilder AddContactsApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ApiRequestBody>();
        services.AddContactWriter();   // shared with the CSV import
        services.AddSingleton<EventWriter>();
        services.AddSingleton<EventIngest>();
        services.AddSingleton<DeviceIngest>();
        services.AddSingleton<MessageStatusIngest>();
        services.AddSingleton<FormIngest>();
        // Registered before AddCors, which then keeps it: each form's allowed origins come from the store.
        services.AddSingleton<Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider, FormCorsPolicyProvider>();
        services.AddCors();
        services.AddSingleton<ContactApiQueries>();
        services.AddSingleton<ContactListing>();
        services.AddHostedService<ContactsAdmin.Features.ApiKeys.ApiKeyLastUseWriter>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(DocsScheme, "API key or signed-in user", scheme => scheme.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme);
        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.All)
        {
            authorization.AddPolicy(ApiScopes.Policy(scope), policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => ApiScopes.Allows(context.User, scope)));
        }
        authorization.AddPolicy(ApiScopes.AnyKeyPolicy, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());
        authorization.AddPolicy(DocsPolicy, policy => policy.AddAuthenticationSchemes(DocsScheme).RequireAuthenticatedUser());

        services.AddRateLimiter(_ => { }).AddOptions<RateLimiterOptions>().Configure<ApiOptions>(ApiRateLimits.Configure);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddOpenApi(openApi =>
        {
            openApi.ShouldInclude = description => description.RelativePath is { } path
                && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("forms/", StringComparison.Ordinal));
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "ContactsAdmin API";
                document.Info.Description = "Contact profiles for apps, websites and back ends. Payloads follow Reteno's public API. " +
                                            "Authenticate with an API key in the X-Api-Key header (Settings → API keys).";
                ApiKeySecurity.AddTo(document);
                return Task.CompletedTask;
            });
            openApi.AddOperationTransformer(ApiExamples.AddToOperation);
            openApi.AddSchemaTransformer(ProfileFieldSchema.AddFields);
        });
        return builder;
    }

    public static WebApplication MapContactsApi(this WebApplication app)
    {
        app.UseRateLimiter();
        // API callers get problem details, never the UI's "not found" page re-executed in their place.
        app.UseWhen(context => IsApi(context.Request.Path), api => api.Use(async (context, next) =>
        {
            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            await next(context);
        }));

        var api = app.MapGroup("/api/v1")
            .RequireRateLimiting(ApiRateLimits.PerKeyPolicy)
            .AddEndpointFilter(ApiFailures.AsProblemAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapContactEndpoints();
        api.MapPersonalDataEndpoints();
        api.MapActivityEndpoints();
        api.MapSegmentEndpoints();
        // Any other address or method under /api answers as the API does (401 without a key, else a 404
        // problem), not with the sign-in page that the app's fallback policy would send.
        app.MapFallback("/api/{**path}", (HttpRequest request) =>
                ApiProblems.NotFound($"There is no {request.Method} {request.Path}. See /openapi/v1.json for the endpoints."))
            .RequireAuthorization(ApiScopes.AnyKeyPolicy)
            .ExcludeFromDescription();
        app.UseCors();   // only endpoints that ask for a policy (the form's) answer cross-origin requests
        app.MapFormEndpoints();

        app.MapOpenApi().RequireAuthorization(DocsPolicy);   // /openapi/v1.json
        // The interactive reference at /api-reference/v1, for signed-in users (the fallback policy).
        app.MapScalarApiReference("/api-reference", scalar => scalar
            .WithTitle("ContactsAdmin API")
            .SortTagsAlphabetically()
            // An admin tool on a private network: no web fonts, telemetry, AI agent or hosted developer tools.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes(ApiKeySecurity.SchemeName));
        return app;
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/forms", StringComparison.OrdinalIgnoreCase);
}
