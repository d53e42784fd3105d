using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Web;

/// <summary>The app with sessions re-checked on every request (interval zero), so no test waits for the interval.</summary>
public sealed class EveryRequestCheckedAppFixture : IAsyncLifetime
{
    public AppFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await AppFactory.CreateAsync(new() { Settings = new Dictionary<string, string> { ["Accounts:RevalidationInterval"] = "00:00:00" } });
        App.StartServer();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>Access ends when it is taken away: a session cookie stops working on the next request.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class SessionEndTests(EveryRequestCheckedAppFixture fixture) : IClassFixture<EveryRequestCheckedAppFixture>
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task An_admin_lowered_to_viewer_is_refused_the_admin_page_on_the_next_request()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Admin);
        using var session = new BrowserlessSession(App);
        await session.SignInAsync(email, password);
        Assert.True(await session.IsSignedInForAsync("/settings/api-keys"));

        await AccountsAsync(accounts => accounts.ChangeRoleAsync(email, Roles.Viewer));

        Assert.False(await session.IsSignedInForAsync("/settings/api-keys"));
    }

    [Fact]
    public async Task A_marketer_lowered_to_viewer_must_sign_in_again_and_then_is_a_viewer()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Marketer);
        using var session = new BrowserlessSession(App);
        await session.SignInAsync(email, password);
        Assert.True(await session.IsSignedInForAsync("/contacts"));

        await AccountsAsync(accounts => accounts.ChangeRoleAsync(email, Roles.Viewer));

        using var refused = await session.GetAsync("/contacts");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/Login", refused.Headers.Location!.OriginalString.Replace("http://localhost", ""));
        await session.SignInAsync(email, password);
        Assert.True(await session.IsSignedInForAsync("/contacts"));
        Assert.False(await session.IsSignedInForAsync("/settings/api-keys"));
    }

    [Fact]
    public async Task A_disabled_user_is_refused_on_the_next_request_and_cannot_sign_in()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Marketer);
        using var session = new BrowserlessSession(App);
        await session.SignInAsync(email, password);
        Assert.True(await session.IsSignedInForAsync("/contacts"));

        await AccountsAsync(accounts => accounts.DisableAsync(email));

        Assert.False(await session.IsSignedInForAsync("/contacts"));
        using var again = await session.SubmitSignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("This account is disabled. Ask an Admin", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        // A wrong password does not learn that the account exists and is disabled.
        using var guess = await session.SubmitSignInAsync(email, "wrong-password-1");
        var guessPage = await guess.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("The email or password is not right.", guessPage);
        Assert.DoesNotContain("This account is disabled", guessPage);
    }

    [Fact]
    public async Task A_disabled_user_enabled_again_can_sign_in()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Viewer);
        await AccountsAsync(accounts => accounts.DisableAsync(email));

        await AccountsAsync(accounts => accounts.EnableAsync(email));

        using var session = new BrowserlessSession(App);
        await session.SignInAsync(email, password);
        Assert.True(await session.IsSignedInForAsync("/contacts"));
    }

    [Fact]
    public async Task A_deleted_user_is_refused_on_the_next_request()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Marketer);
        using var session = new BrowserlessSession(App);
        await session.SignInAsync(email, password);
        Assert.True(await session.IsSignedInForAsync("/contacts"));

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.DeleteAsync((await users.FindByEmailAsync(email))!);
        }

        Assert.False(await session.IsSignedInForAsync("/contacts"));
    }

    [Fact]
    public async Task A_password_reset_ends_the_users_sessions()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Viewer);
        using var session = new BrowserlessSession(App);
        await session.SignInAsync(email, password);

        await AccountsAsync(accounts => accounts.ResetPasswordAsync(email, null));

        Assert.False(await session.IsSignedInForAsync("/contacts"));
    }

    [Fact]
    public async Task Sign_out_invalidates_the_cookie_on_the_server()
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(App, Roles.Viewer);
        using var session = new BrowserlessSession(App);
        await session.SignInAsync(email, password);
        using var stolen = session.Copy();
        Assert.True(await stolen.IsSignedInForAsync("/contacts"));

        using var signOut = await session.SignOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.False(await stolen.IsSignedInForAsync("/contacts"));
    }

    [Fact]
    public async Task With_the_default_interval_a_role_change_reaches_a_session_within_ten_seconds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await AppFactory.CreateAsync(new()
        {
            ConfigureHost = host => host.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time)),
        });
        var (email, password) = await BrowserlessSession.CreateUserAsync(app, Roles.Admin);
        using var session = new BrowserlessSession(app);
        await session.SignInAsync(email, password);

        await AccountsAsync(app, accounts => accounts.ChangeRoleAsync(email, Roles.Viewer));
        // Within the interval the session's last check stands (the cookie remembers when it was made).
        Assert.True(await session.IsSignedInForAsync("/settings/api-keys"));
        time.Advance(TimeSpan.FromSeconds(11));

        Assert.False(await session.IsSignedInForAsync("/settings/api-keys"));
    }

    private Task AccountsAsync(Func<UserAccounts, Task> change) => AccountsAsync(App, change);

    private static async Task AccountsAsync(AppFactory app, Func<UserAccounts, Task> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<UserAccounts>());
    }
}
