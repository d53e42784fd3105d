using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;

namespace ContactsAdmin.Setup;

/// <summary>
/// What every response carries for the browser's protection (Content-Security-Policy, nosniff, referrer policy, frame
/// denial), and, behind a TLS-terminating proxy, the client's address and scheme from its X-Forwarded-* headers.
/// </summary>
public static class SecuritySetup
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The interactive API reference (Scalar) writes its configuration as an inline script, which a nonce cannot reach.</summary>
    private static readonly PathString ApiReference = "/api-reference";

    /// <summary>
    /// Forwarded headers from the proxies in <c>ForwardedHeaders:KnownProxies</c> (and loopback), when
    /// <c>ForwardedHeaders:Enabled</c> is true. Off by default: without a proxy anyone could claim any address.
    /// </summary>
    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        // A start-up filter puts both ahead of everything the app adds, the implicit authentication and authorization
        // included: their sign-in redirects and 401s carry the headers too, and see the forwarded scheme and address.
        builder.Services.AddTransient<IStartupFilter, FirstInPipeline>();
        var section = builder.Configuration.GetSection("ForwardedHeaders");
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The client's address (the form's per-IP limit) and the scheme (secure cookies, HSTS); not the host,
            // which AllowedHosts checks as the client sent it.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
                options.KnownProxies.Add(IPAddress.TryParse(proxy.Trim(), out var address) ? address
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
            foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network.Trim(), out var range) ? range
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a network such as 10.0.0.0/24."));
        });
        return builder;
    }

    private sealed class FirstInPipeline(IConfiguration configuration) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseSecurityHeaders(configuration.GetValue("ForwardedHeaders:Enabled", false));
            next(app);
        };
    }

    /// <summary>Forwarded headers (when enabled), then the security headers on every response.</summary>
    private static void UseSecurityHeaders(this IApplicationBuilder app, bool forwardedHeaders)
    {
        if (forwardedHeaders) app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            // At the start of the response, so error pages (whose handler clears the headers) carry them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce, inlineScripts: context.Request.Path.StartsWithSegments(ApiReference));
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>This request's script nonce, for the page's one inline script (the import map).</summary>
    public static string? CspNonce(this HttpContext context) => context.Items[NonceKey] as string;

    /// <summary>
    /// Scripts only from the app (and the import map by its nonce): Blazor Server and MudBlazor need nothing else. Styles
    /// inline too (MudBlazor sets style attributes); the circuit's WebSocket; images as data: URIs (MudBlazor's icons);
    /// no framing, no plugins, forms and base URLs to the app only.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce, bool inlineScripts) => string.Join("; ",
        "default-src 'self'",
        inlineScripts ? "script-src 'self' 'unsafe-inline'" : $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self' ws: wss:",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'");
}
