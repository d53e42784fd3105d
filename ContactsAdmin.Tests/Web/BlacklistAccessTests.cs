using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Web;

/// <summary>The app on a test server; each test signs in its own users, so they share one app.</summary>
public sealed class BlacklistAccessAppFixture : IAsyncLifetime
{
    public AppFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await AppFactory.CreateAsync();
        App.StartServer();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>Viewers read everything, as the specification says: every role opens the Blacklist page (its actions stay Admin-only).</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class BlacklistAccessTests(BlacklistAccessAppFixture fixture) : IClassFixture<BlacklistAccessAppFixture>
{
    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Marketer)]
    [InlineData(Roles.Admin)]
    public async Task Every_role_opens_the_blacklist_page(string role)
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(fixture.App, role);
        using var session = new BrowserlessSession(fixture.App);
        await session.SignInAsync(email, password);

        using var response = await session.GetAsync("/blacklist");

        // Not sent to AccessDenied: pages render without prerendering, so the answer's status is what the server decided.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
