using System.Text.RegularExpressions;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>The path: an Admin adds a Marketer, who signs in elsewhere, sees no settings, and is cut off when disabled.</summary>
public class UserAdminTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_adds_a_marketer_who_sees_no_settings_and_loses_an_open_page_when_disabled()
    {
        var email = $"new-marketer-{Tag()}@example.com";
        var admin = await NewAdminPageAsync();
        await admin.GotoAsync("settings/users");
        await WaitForInteractiveAsync(admin);

        await admin.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Email").FillAsync(AppFactory.AdminEmail);
        await dialog.GetByText("Marketer", new() { Exact = true }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        // A taken email is named under the field, and what was typed stays.
        await Expect(dialog).ToContainTextAsync("Another user already signs in with this email.");
        await Expect(dialog.GetByLabel("Email")).ToHaveValueAsync(AppFactory.AdminEmail);
        await WcagChecks.AssertAccessibleAsync(admin);
        await Screenshots.SaveAsync(admin, "users-add-dialog.png");
        await BrowserWindow.ResizeAsync(admin, 390, 844);
        await WcagChecks.AssertAccessibleAsync(admin);
        await BrowserWindow.ResizeAsync(admin, 1440, 900);

        await dialog.GetByLabel("Email").FillAsync(email);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var shown = admin.Locator("#one-time-password");
        await Expect(shown).ToContainTextAsync("it is not shown again");
        var password = (await admin.Locator("#one-time-password-value").TextContentAsync())!.Trim();
        var row = admin.Locator("#users tbody tr", new() { HasText = email });
        await Expect(row).ToContainTextAsync("Marketer");
        await Expect(row).ToContainTextAsync("never");
        await Screenshots.SaveAsync(admin, "users-one-time-password.png");

        var marketer = await NewPageAsync();
        await marketer.GotoAsync("contacts");
        await SignInAsync(marketer, email, password);
        await WaitForInteractiveAsync(marketer);
        await Expect(marketer.GetByText("Settings", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(marketer.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await marketer.GotoAsync("settings/users");
        await Expect(marketer).ToHaveURLAsync(new Regex("AccessDenied", RegexOptions.IgnoreCase));
        await marketer.GotoAsync("contacts");
        await WaitForInteractiveAsync(marketer);

        // The Admin's list now shows when the Marketer signed in.
        await admin.ReloadAsync();
        await WaitForInteractiveAsync(admin);
        await Expect(row).Not.ToContainTextAsync("never");
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Disabled");

        // The Marketer's open page is sent to sign in within the revalidation interval (10 s; more on a slow machine).
        await Expect(marketer).ToHaveURLAsync(SignInUrl(), new() { Timeout = 30_000 });
        await marketer.GotoAsync("contacts");
        await Expect(marketer).ToHaveURLAsync(SignInUrl());
    }

    [Fact]
    public async Task An_admin_resets_a_password_which_is_shown_once_and_only_the_new_one_signs_in()
    {
        var user = await Fixture.CreateUserAsync("Viewer", "reset");
        var admin = await NewAdminPageAsync();
        await admin.GotoAsync("settings/users");
        await WaitForInteractiveAsync(admin);

        var row = admin.Locator("#users tbody tr", new() { HasText = user.Email });
        await row.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await Expect(admin.Locator("#one-time-password")).ToContainTextAsync(user.Email);
        var password = (await admin.Locator("#one-time-password-value").TextContentAsync())!.Trim();

        var old = await NewPageAsync();
        await old.GotoAsync("Account/Login");
        await SubmitSignInAsync(old, user.Email, user.Password);
        await Expect(old.GetByText("The email or password is not right.")).ToBeVisibleAsync();
        var fresh = await NewPageAsync();
        await SignInAsync(fresh, user.Email, password);
        await WaitForInteractiveAsync(fresh);
    }
}
