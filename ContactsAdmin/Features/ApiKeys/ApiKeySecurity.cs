using Microsoft.OpenApi;

namespace ContactsAdmin.Features.ApiKeys;

/// <summary>The API-key security scheme in the OpenAPI document, required on every /api operation.</summary>
public static class ApiKeySecurity
{
    public const string SchemeName = "ApiKey";

    public static void AddTo(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key (ca_...) created by an Admin under Settings → API keys, or with `apikey create`.",
        };
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] };
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || item.Operations is null) continue;
            foreach (var operation in item.Operations.Values)
                (operation.Security ??= []).Add(requirement);
        }
    }
}
