using System.Net;
using AngleSharp.Html.Parser;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace ContactsAdmin.Tests.Web;

/// <summary>The app on a test server, no data. The tests only read anonymously, so they share one app.</summary>
public sealed class AnonymousAppFixture : IAsyncLifetime
{
    public AppFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await AppFactory.CreateAsync();
        App.StartServer();
    }

    /// <summary>A client without cookies that reports redirects instead of following them.</summary>
    public HttpClient NewClient() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>What someone who is not signed in gets over plain HTTP.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class AnonymousAccessTests(AnonymousAppFixture fixture) : IClassFixture<AnonymousAppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/contacts")]
    public async Task App_pages_redirect_anonymous_visitors_to_sign_in(string path)
    {
        using var client = fixture.NewClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal("/Account/Login", location.AbsolutePath);
        Assert.Equal(path, QueryHelpers.ParseQuery(location.Query)["ReturnUrl"].ToString());
    }

    [Fact]
    public async Task The_sign_in_page_answers_anonymous_visitors()
    {
        using var client = fixture.NewClient();

        using var response = await client.GetAsync("/Account/Login", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Equal("Sign in", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("form[method=post] input#email"));
        Assert.NotNull(page.QuerySelector("form[method=post] input#password[type=password]"));
    }

    [Fact]
    public async Task The_styles_and_scripts_the_sign_in_page_links_are_served_to_anonymous_visitors()
    {
        using var client = fixture.NewClient();
        using var login = await client.GetAsync("/Account/Login", Ct);
        var page = await ParseAsync(login);
        var stylesheets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        Assert.Contains(stylesheets, href => href.Contains("MudBlazor", StringComparison.OrdinalIgnoreCase));

        foreach (var asset in stylesheets.Concat(scripts))
        {
            // The page's <base href="/"> makes every relative address root-relative.
            using var response = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/"), asset), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
            var expectedType = stylesheets.Contains(asset) ? "text/css" : "text/javascript";
            Assert.Equal(expectedType, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task There_is_no_registration_page()
    {
        using var client = fixture.NewClient();

        using var response = await client.GetAsync("/Account/Register", Ct);

        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = new Uri(client.BaseAddress!, response.Headers.Location!);
            Assert.Equal("/Account/Login", location.AbsolutePath);
            using var signIn = await client.GetAsync(location, Ct);
            AssertOffersNoRegistration(await ParseAsync(signIn));
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            AssertOffersNoRegistration(await ParseAsync(response));
        }
    }

    private static void AssertOffersNoRegistration(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        // (The sign-in form's action may carry ReturnUrl=/Account/Register; that is not an offer to register.)
        Assert.Empty(page.QuerySelectorAll("a[href*=Register i]"));
        Assert.Null(page.QuerySelector("input[name*=ConfirmPassword i]"));
        Assert.DoesNotContain("register", page.Body?.TextContent ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("create an account", page.Body?.TextContent ?? "", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));

    [Fact]
    public async Task The_error_page_shows_a_reference_and_needs_no_circuit()
    {
        using var client = fixture.NewClient();

        var html = await client.GetStringAsync("/Error", Ct);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("Something went wrong", document.QuerySelector("h1")?.TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(document.QuerySelector("code")?.TextContent), "no reference to give the administrator");
        // Static like the sign-in pages: nothing on it waits for an interactive circuit, which may be what failed.
        Assert.DoesNotContain("\"type\":\"server\"", html, StringComparison.Ordinal);
    }
}
