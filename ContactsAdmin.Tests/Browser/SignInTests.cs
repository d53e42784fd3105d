using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>What a person sees when signing in and out, in Chromium against the running app.</summary>
public class SignInTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private const string WrongPasswordMessage = "The email or password is not right.";

    [Theory]
    [InlineData("/", "/contacts")]   // the home page is the contacts grid
    [InlineData("/contacts", "/contacts")]
    [InlineData("/contacts?page=2", "/contacts?page=2")]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_land_on_the_page_they_asked_for(string asked, string landing)
    {
        var page = await NewPageAsync();

        await page.GotoAsync(asked.TrimStart('/'));

        await Expect(page).ToHaveURLAsync(SignInUrl());
        var signIn = new Uri(page.Url);
        Assert.Equal("/Account/Login", signIn.AbsolutePath);
        Assert.Equal(asked, QueryHelpers.ParseQuery(signIn.Query)["ReturnUrl"].ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        var user = await Fixture.CreateUserAsync(Roles.Viewer);
        await SignInAsync(page, user.Email, user.Password);

        await Expect(page).ToHaveURLAsync(new Uri(Fixture.BaseUrl, landing).ToString());
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "All contacts" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_admin_sees_all_contacts_with_the_total_and_rows_from_the_database()
    {
        int total;
        Contact newest;
        await using (var db = Fixture.Database.NewContext())
        {
            total = await db.Contacts.CountAsync(TestContext.Current.CancellationToken);
            // The grid opens newest first.
            newest = await db.Contacts.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .FirstAsync(TestContext.Current.CancellationToken);
        }

        var page = await NewAdminPageAsync();

        await Expect(page).ToHaveURLAsync(new Uri(Fixture.BaseUrl, "/contacts").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "All contacts" })).ToBeVisibleAsync();
        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync($"{total:N0} contacts");
        var grid = page.Locator("#contacts-grid");
        await Expect(grid.GetByText(newest.Email!, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(grid.GetByText($"{newest.FirstName} {newest.LastName}", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#signed-in-user")).ToContainTextAsync(AppFactory.AdminEmail);
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_keeps_the_typed_email_and_never_echoes_the_password()
    {
        var user = await Fixture.CreateUserAsync(Roles.Viewer);
        var page = await NewPageAsync();
        await page.GotoAsync("Account/Login");

        await SubmitSignInAsync(page, user.Email, "not-the-password-1");

        await Expect(page).ToHaveURLAsync(SignInUrl());
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(WrongPasswordMessage);
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(user.Email);
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        Assert.DoesNotContain("not-the-password-1", await page.ContentAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        var user = await Fixture.CreateUserAsync(Roles.Viewer, "lockout");
        var page = await NewPageAsync();
        await page.GotoAsync("Account/Login");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await SubmitSignInAsync(page, user.Email, $"wrong-password-{attempt}");
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(WrongPasswordMessage);
        }
        await SubmitSignInAsync(page, user.Email, "wrong-password-5");

        await Expect(page).ToHaveURLAsync(new Uri(Fixture.BaseUrl, "/Account/Lockout").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account locked" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked for 15 minutes");

        await page.GotoAsync("Account/Login");
        await SubmitSignInAsync(page, user.Email, user.Password);
        await Expect(page).ToHaveURLAsync(new Uri(Fixture.BaseUrl, "/Account/Lockout").ToString());
    }

    [Fact]
    public async Task Signing_out_from_the_app_bar_returns_to_sign_in_and_contacts_asks_for_it_again()
    {
        var user = await Fixture.CreateUserAsync(Roles.Marketer);
        var page = await NewPageAsync();
        await page.GotoAsync("contacts");
        await SignInAsync(page, user.Email, user.Password);
        await WaitForInteractiveAsync(page);

        await page.Locator("#signed-in-user").ClickAsync();
        await Expect(page.GetByText(Roles.Marketer, new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(SignInUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await page.GotoAsync("contacts");
        await Expect(page).ToHaveURLAsync(SignInUrl());
        Assert.Equal("/contacts", QueryHelpers.ParseQuery(new Uri(page.Url).Query)["ReturnUrl"].ToString());
    }
}
