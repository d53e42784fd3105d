using System.Net;
using ContactsAdmin.Tests.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Security;

/// <summary>Every response carries the browser protections: pages, API answers, the OpenAPI document, static files, errors.</summary>
public class SecurityHeadersTests(ApiApp app) : IClassFixture<ApiApp>
{
    public static TheoryData<string, bool> Addresses => new()
    {
        { "/Account/Login", false },          // a page (static SSR)
        { "/contacts", false },               // the sign-in redirect
        { "/api/v1/contacts/1", true },       // an API answer (a 404 problem)
        { "/api/v1/nothing-here", true },
        { "/openapi/v1.json", true },
        { "/app.css", false },                // a static file
        { "/favicon.svg", false },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task Every_response_carries_the_security_headers(string path, bool withKey)
    {
        using var client = app.Client(withKey ? null : "");

        using var response = await client.GetAsync(path, Ct);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+'(;|$)", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task The_page_s_only_inline_script_carries_the_nonce_of_its_policy()
    {
        using var client = app.Client("");

        using var response = await client.GetAsync("/Account/Login", Ct);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        var inline = page.QuerySelectorAll("script:not([src])").ToList();
        Assert.NotEmpty(inline);
        Assert.All(inline, s => Assert.Equal(nonce, s.GetAttribute("nonce")));
    }

    [Fact]
    public async Task Only_the_api_reference_allows_inline_scripts_which_its_viewer_needs()
    {
        using var client = app.Client("");

        using var reference = await client.GetAsync("/api-reference/v1", Ct);
        using var page = await client.GetAsync("/Account/Login", Ct);

        Assert.Contains("script-src 'self' 'unsafe-inline'", Assert.Single(reference.Headers.GetValues("Content-Security-Policy")));
        Assert.DoesNotContain("unsafe-inline", Assert.Single(page.Headers.GetValues("Content-Security-Policy")).Split("; ").Single(d => d.StartsWith("script-src", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_outside_development()
    {
        using var client = app.Client("");
        client.BaseAddress = new Uri("https://contacts.example/");

        using var response = await client.GetAsync("/Account/Login", Ct);

        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }
}

/// <summary>The app behind a TLS-terminating proxy at 10.0.0.5: every request arrives from it, over plain HTTP.</summary>
public class ProxiedApp(bool forwardedHeaders) : ApiApp
{
    public const string Proxy = "10.0.0.5";

    protected override AppFactoryOptions Options => new()
    {
        Settings = forwardedHeaders
            ? new Dictionary<string, string>
            {
                ["ForwardedHeaders:Enabled"] = "true", ["ForwardedHeaders:KnownProxies:0"] = Proxy,
                ["AllowedHosts"] = "contacts.example", ["Api:FormRateLimit:PermitLimit"] = "1",
                ["Api:FormRateLimit:Window"] = LimitedApiApp.Window,
            }
            : new Dictionary<string, string>
            {
                ["AllowedHosts"] = "contacts.example", ["Api:FormRateLimit:PermitLimit"] = "1", ["Api:FormRateLimit:Window"] = LimitedApiApp.Window,
            },
        // First of the start-up filters, so the app's forwarded-headers middleware sees the proxy's address.
        ConfigureHost = builder => builder.ConfigureServices(services => services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter>(new FromProxy()))),
    };

    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, inner) => { context.Connection.RemoteIpAddress = IPAddress.Parse(Proxy); return inner(context); });
            next(app);
        };
    }
}

public sealed class ProxiedAppWithForwardedHeaders() : ProxiedApp(forwardedHeaders: true);
public sealed class ProxiedAppWithoutForwardedHeaders() : ProxiedApp(forwardedHeaders: false);

/// <summary>X-Forwarded-For and -Proto are believed from a configured proxy only when the setting turns them on; AllowedHosts is honoured.</summary>
public class ForwardedHeadersTests(ProxiedAppWithForwardedHeaders enabled, ProxiedAppWithoutForwardedHeaders disabled)
    : IClassFixture<ProxiedAppWithForwardedHeaders>, IClassFixture<ProxiedAppWithoutForwardedHeaders>
{
    private static async Task<HttpResponseMessage> GetAsync(ApiApp app, string host)
    {
        using var client = app.Client("");
        client.BaseAddress = new Uri($"http://{host}/");
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_the_forwarded_scheme_counts_so_hsts_and_secure_cookies_apply()
    {
        using var response = await GetAsync(enabled, "contacts.example");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Without_the_setting_forwarded_headers_are_ignored()
    {
        using var response = await GetAsync(disabled, "contacts.example");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>Two posts to the public form (one allowed per address per window): the second one's status.</summary>
    private static async Task<HttpStatusCode> SecondFormPostAsync(ApiApp app, string firstFrom, string secondFrom)
    {
        var form = new ContactsAdmin.Data.SubscriptionForm { Key = app.Unique("proxied-"), Name = "Proxied" };
        await using (var db = app.Database.NewContext())
        {
            db.SubscriptionForms.Add(form);
            await db.SaveChangesAsync(Ct);
        }
        using var client = app.Client("");
        client.BaseAddress = new Uri("http://contacts.example/");
        HttpStatusCode status = default;
        foreach (var from in new[] { firstFrom, secondFrom })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/forms/{form.Key}") { Content = ApiHttp.Json($$"""{ "email": "{{app.Unique("p")}}@example.com" }""") };
            request.Headers.Add("X-Forwarded-For", from);
            using var response = await client.SendAsync(request, Ct);
            status = response.StatusCode;
        }
        return status;
    }

    [Fact]
    public async Task Behind_a_configured_proxy_the_form_s_limit_counts_each_client_address()
    {
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SecondFormPostAsync(enabled, "203.0.113.7", "203.0.113.8"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SecondFormPostAsync(enabled, "203.0.113.9", "203.0.113.9"));
        // Without the setting every client looks like the proxy: the second post is limited whoever sends it.
        Assert.Equal(HttpStatusCode.TooManyRequests, await SecondFormPostAsync(disabled, "203.0.113.10", "203.0.113.11"));
    }

    [Fact]
    public async Task A_host_not_in_allowed_hosts_is_refused()
    {
        using var response = await GetAsync(disabled, "elsewhere.example");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
