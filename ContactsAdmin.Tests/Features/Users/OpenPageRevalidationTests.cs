using ContactsAdmin.Components.Account;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Users;

/// <summary>
/// What an open page (a Blazor circuit) re-checks every few seconds: the revalidating authentication state
/// provider on the app's real services and store.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class OpenPageRevalidationTests
{
    [Theory]
    [InlineData("role")]
    [InlineData("disable")]
    [InlineData("password")]
    public async Task An_open_page_loses_the_user_after_a_change_that_takes_access_away(string change)
    {
        await using var app = await AppFactory.CreateAsync();
        app.StartServer();
        var email = $"marketer-{Guid.NewGuid():N}@example.com";
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync(email, Roles.Marketer, "Marketer-Pass-1!");
        var principal = await PrincipalAsync(app, email);
        var provider = (IdentityRevalidatingAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        Assert.True(await provider.IsStillValidAsync(principal, Ct));

        await (change switch
        {
            "role" => accounts.ChangeRoleAsync(email, Roles.Viewer),
            "disable" => accounts.DisableAsync(email),
            _ => accounts.ResetPasswordAsync(email, null),
        });

        Assert.False(await provider.IsStillValidAsync(principal, Ct));
    }

    [Fact]
    public void An_open_page_is_rechecked_every_10_to_30_seconds_by_default_and_never_more_than_once_a_second()
    {
        Assert.InRange(new AccountSecurityOptions().CircuitRevalidationInterval, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
        Assert.Equal(AccountSecurityOptions.MinCircuitRevalidationInterval,
            new AccountSecurityOptions { RevalidationInterval = TimeSpan.Zero }.CircuitRevalidationInterval);
    }

    /// <summary>The principal a sign-in would put in the user's cookie (and so in their circuit).</summary>
    private static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(AppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>();
        return await factory.CreateAsync((await users.FindByEmailAsync(email))!);
    }
}
