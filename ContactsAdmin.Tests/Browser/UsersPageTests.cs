using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>An Admin unlocks a user whom wrong passwords locked out, and disables one; others cannot reach the page.</summary>
public class UsersPageTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private async Task LockOutAsync(TestUser user)
    {
        var page = await NewPageAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await page.GotoAsync("Account/Login");
            await SubmitSignInAsync(page, user.Email, "Wrong-password-1");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
    }

    private async Task<bool> CanSignInAsync(TestUser user)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("Account/Login");
        await SubmitSignInAsync(page, user.Email, user.Password);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return !SignInUrl().IsMatch(page.Url) && !page.Url.Contains("Lockout", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_admin_unlocks_a_locked_out_user_who_can_then_sign_in_and_disables_another()
    {
        var locked = await Fixture.CreateUserAsync("Marketer", "locked");
        var leaving = await Fixture.CreateUserAsync("Viewer", "leaving");
        await LockOutAsync(locked);
        Assert.False(await CanSignInAsync(locked));
        var page = await NewAdminPageAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/users$"));
        var lockedRow = page.Locator("#users tbody tr", new() { HasText = locked.Email });
        await Expect(lockedRow).ToContainTextAsync("Locked until");
        await WcagChecks.AssertAccessibleAsync(page);

        await lockedRow.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await Expect(lockedRow).ToContainTextAsync("Active");
        Assert.True(await CanSignInAsync(locked));

        var leavingRow = page.Locator("#users tbody tr", new() { HasText = leaving.Email });
        await leavingRow.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(leavingRow).ToContainTextAsync("Disabled");
        Assert.False(await CanSignInAsync(leaving));
        await Stillness.CloseSnackbarsAsync(page);
        await Screenshots.SaveAsync(page, "users-page.png");

        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Expect(lockedRow).ToBeVisibleAsync();
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "users-page-phone.png");
    }

    [Fact]
    public async Task A_marketer_sees_no_users_link_and_is_refused_the_page_by_its_address()
    {
        var marketer = await Fixture.CreateUserAsync("Marketer");
        var page = await NewPageAsync();
        await page.GotoAsync("contacts");
        await SignInAsync(page, marketer.Email, marketer.Password);
        await WaitForInteractiveAsync(page);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await page.GotoAsync("settings/users");

        await Expect(page).ToHaveURLAsync(new Regex("AccessDenied", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#users")).ToHaveCountAsync(0);
    }
}
