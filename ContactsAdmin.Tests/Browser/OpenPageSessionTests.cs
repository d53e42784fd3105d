using ContactsAdmin.Data;
using ContactsAdmin.Features.Users;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>An open page follows taken-away access within the revalidation interval (10 s by default), without a reload.</summary>
public class OpenPageSessionTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("role")]
    [InlineData("disable")]
    public async Task An_open_page_is_sent_to_sign_in_within_the_interval_when_access_is_taken_away(string change)
    {
        var user = await Fixture.CreateUserAsync(Roles.Marketer, "open-page");
        var page = await NewPageAsync();
        await page.GotoAsync("contacts");
        await SignInAsync(page, user.Email, user.Password);
        await WaitForInteractiveAsync(page);

        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            await (change == "role" ? accounts.ChangeRoleAsync(user.Email, Roles.Viewer) : accounts.DisableAsync(user.Email));
        }

        // The circuit re-checks every 10 s; allow for a slow shared machine on top.
        await Expect(page).ToHaveURLAsync(SignInUrl(), new() { Timeout = 30_000 });
    }
}
