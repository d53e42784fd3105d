using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using ContactsAdmin.Tests.Web;

namespace ContactsAdmin.Tests.Features.CustomFields;

/// <summary>The app on a test server with no data, for signing in as each role.</summary>
public sealed class CustomFieldsAppFixture : IAsyncLifetime
{
    public AppFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await AppFactory.CreateAsync();
        App.StartServer();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>The custom fields page over plain HTTP: only Admins get it; the server refuses everyone else.</summary>
public class CustomFieldsPageAccessTests(CustomFieldsAppFixture fixture) : IClassFixture<CustomFieldsAppFixture>
{
    [Theory]
    [InlineData(Roles.Marketer)]
    [InlineData(Roles.Viewer)]
    public async Task Marketers_and_viewers_are_sent_to_access_denied(string role)
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(fixture.App, role);
        using var session = new BrowserlessSession(fixture.App);
        await session.SignInAsync(email, password);

        using var response = await session.GetAsync("/settings/fields");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task An_admin_is_let_in()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(fixture.App, Roles.Admin);
        using var session = new BrowserlessSession(fixture.App);
        await session.SignInAsync(email, password);

        using var response = await session.GetAsync("/settings/fields");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
