using System.Security.Claims;
using System.Text.Encodings.Web;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Profile.Changes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ContactsAdmin.Features.ApiKeys;

/// <summary>
/// Signs in callers of the HTTP API by the key in the X-Api-Key header. Unlike the UI's cookie, a missing,
/// unknown or revoked key answers 401 with a problem detail, never a redirect to the sign-in page.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The key's id in the principal, for rate limiting and "last used".</summary>
    public const string KeyIdClaim = "api_key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].ToString();
        if (presented.Length == 0) return AuthenticateResult.NoResult();

        var key = await keys.FindAsync(presented, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("The API key is not known.");
        if (key.RevokedAt is not null) return AuthenticateResult.Fail("The API key was revoked.");

        // In memory: a busy store must not hold up (or fail) the request; ApiKeyLastUseWriter writes it.
        keys.MarkUsed(key, clock.GetUtcNow().UtcDateTime);
        var scopes = ApiScopes.Parse(key.Scopes);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, ChangeActor.ApiKey(key.Name).Name),
            new(KeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("api_key_name", key.Name),
        };
        claims.AddRange(scopes.Count == 0 ? [new Claim(ApiScopes.ClaimType, ApiScopes.Everything)] : scopes.Select(s => new Claim(ApiScopes.ClaimType, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? $"Send an API key in the {HeaderName} header. An Admin creates keys under Settings → API keys.";
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{HeaderName}\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "unauthorized", "A valid API key is required", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "forbidden", "The API key may not do this",
            "The key lacks the scope this endpoint needs. An Admin can create a key with it under Settings → API keys.");

    private async Task WriteProblemAsync(int status, string type, string title, string detail)
    {
        Response.StatusCode = status;
        await Response.WriteAsJsonAsync(new ProblemDetails
        {
            Status = status, Type = "https://contactsadmin.local/problems/" + type, Title = title, Detail = detail,
        }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", Context.RequestAborted);
    }
}
