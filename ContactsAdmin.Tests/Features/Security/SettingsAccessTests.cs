using System.Net;
using System.Reflection;
using ContactsAdmin.Data;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using ContactsAdmin.Tests.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace ContactsAdmin.Tests.Features.Security;

/// <summary>The app on a test server with no data, for signing in as each role.</summary>
public sealed class SettingsAppFixture : IAsyncLifetime
{
    public AppFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await AppFactory.CreateAsync();
        App.StartServer();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// Every page under /settings over plain HTTP: the server lets Admins in and sends Marketers and Viewers to
/// AccessDenied. The pages are found in the app itself, so a new settings page is covered the day it is added.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class SettingsAccessTests(SettingsAppFixture fixture) : IClassFixture<SettingsAppFixture>
{
    /// <summary>The settings the issue asks for; the app may have more, never fewer.</summary>
    private static readonly string[] RequiredPages =
    [
        "/settings/fields", "/settings/categories", "/settings/widgets", "/settings/forms",
        "/settings/users", "/settings/api-keys", "/settings/audit",
    ];

    public static TheoryData<string> SettingsPages() => new(SettingsRoutes().Select(r => r.Route));

    private static IEnumerable<(string Route, Type Page)> SettingsRoutes() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes<RouteAttribute>().Select(route => (route.Template, Page: type)))
            .Where(r => r.Template.StartsWith("/settings/", StringComparison.Ordinal))
            .OrderBy(r => r.Template, StringComparer.Ordinal);

    [Fact]
    public void Every_settings_page_the_issue_names_exists_and_asks_for_the_admin_policy()
    {
        var routes = SettingsRoutes().ToList();
        Assert.Subset(routes.Select(r => r.Route).ToHashSet(), RequiredPages.ToHashSet());
        foreach (var (route, page) in routes)
        {
            var policies = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Select(a => a.Policy).ToList();
            Assert.True(policies.Contains(Policies.AdminOnly), $"{route} ({page.Name}) does not require {Policies.AdminOnly}.");
        }
    }

    [Theory]
    [MemberData(nameof(SettingsPages))]
    public async Task Marketers_and_viewers_are_sent_to_access_denied(string route)
    {
        foreach (var role in new[] { Roles.Marketer, Roles.Viewer })
        {
            var (email, password) = await BrowserlessSession.CreateUserAsync(fixture.App, role);
            using var session = new BrowserlessSession(fixture.App);
            await session.SignInAsync(email, password);

            using var response = await session.GetAsync(route);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
        }
    }

    [Theory]
    [MemberData(nameof(SettingsPages))]
    public async Task An_admin_is_let_in(string route)
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(fixture.App, Roles.Admin);
        using var session = new BrowserlessSession(fixture.App);
        await session.SignInAsync(email, password);

        using var response = await session.GetAsync(route);

        // Pages render without prerendering, so the answer is the app's shell: the server let the Admin in.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        using var session = new BrowserlessSession(fixture.App);
        foreach (var (route, _) in SettingsRoutes())
        {
            using var response = await session.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
        }
    }
}
