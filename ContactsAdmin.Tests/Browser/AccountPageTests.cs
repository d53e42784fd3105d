using System.Globalization;
using System.Text.RegularExpressions;
using ContactsAdmin.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>Every user's own page: their password, the time zone dates are shown in, and their sessions.</summary>
public class AccountPageTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private async Task<IPage> SignedInAsync(TestUser user)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("contacts");
        await SignInAsync(page, user.Email, user.Password);
        await WaitForInteractiveAsync(page);
        return page;
    }

    private static async Task OpenAccountFromTheAppBarAsync(IPage page, TestUser user)
    {
        await page.Locator("#signed-in-user").ClickAsync();
        await Expect(page.GetByText(user.Role, new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByText("Your account").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_user_changes_their_password_stays_signed_in_and_signs_in_with_the_new_one()
    {
        var user = await Fixture.CreateUserAsync("Viewer", "own-password");
        var page = await SignedInAsync(user);
        await OpenAccountFromTheAppBarAsync(page, user);

        await page.GetByLabel("Current password", new() { Exact = true }).FillAsync("Not-my-password-1");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Fresh-Pass-2026!");
        await page.GetByLabel("Repeat the new password").FillAsync("Fresh-Pass-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.Locator("#account-password")).ToContainTextAsync("This is not your current password.");
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "account-page.png");
        await BrowserWindow.ResizeAsync(page, 390, 844);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "account-page-phone.png");
        await BrowserWindow.ResizeAsync(page, 1440, 900);

        await page.GetByLabel("Current password", new() { Exact = true }).FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Expect(page.Locator("#account-done")).ToContainTextAsync("Your password was changed.");
        await WaitForInteractiveAsync(page);
        await page.GotoAsync("contacts");
        await Expect(page).Not.ToHaveURLAsync(SignInUrl());
        var again = await NewPageAsync();
        await SignInAsync(again, user.Email, "Fresh-Pass-2026!");
    }

    [Fact]
    public async Task A_saved_time_zone_shows_the_contact_cards_dates_in_it_instead_of_the_browsers()
    {
        var user = await Fixture.CreateUserAsync("Marketer", "time-zone");
        var contactId = await SeededContactIdAsync(DemoContacts.KnownIdsEmail);
        DateTime created;
        await using (var db = Fixture.Database.NewContext())
            created = await db.Contacts.Where(c => c.Id == contactId).Select(c => c.CreatedAt).SingleAsync(TestContext.Current.CancellationToken);
        var page = await SignedInAsync(user);
        await page.GotoAsync("account");
        await WaitForInteractiveAsync(page);

        await page.Locator("#account-time-zone-input").FillAsync("Kiritimati");
        await page.Locator(".mud-popover-open").GetByText("Pacific/Kiritimati (UTC+14:00)", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("#account-time-zone-now")).ToContainTextAsync("Pacific/Kiritimati, saved on your account");

        await page.GotoAsync($"contacts/{contactId}");
        await WaitForInteractiveAsync(page);
        var kiritimati = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(created, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati"));
        await Expect(page.Locator(".fact-row[data-fact=Created] .local-time"))
            .ToHaveTextAsync(kiritimati.ToString("yyyy-MM-dd HH:mm", CultureInfo.CurrentCulture));
    }

    [Fact]
    public async Task Signing_out_of_every_other_session_ends_a_second_browsers_session_and_keeps_this_one()
    {
        var user = await Fixture.CreateUserAsync("Viewer", "sessions");
        var here = await SignedInAsync(user);
        var elsewhere = await SignedInAsync(user);
        await here.GotoAsync("account");
        await WaitForInteractiveAsync(here);

        await here.GetByRole(AriaRole.Button, new() { Name = "Sign out of every other session" }).ClickAsync();

        await Expect(here.Locator("#account-done")).ToContainTextAsync("this browser stays signed in");
        // The other browser's open page is sent to sign in within the revalidation interval (10 s; more on a slow machine).
        await Expect(elsewhere).ToHaveURLAsync(SignInUrl(), new() { Timeout = 30_000 });
        await here.GotoAsync("contacts");
        await WaitForInteractiveAsync(here);
        await Expect(here).Not.ToHaveURLAsync(SignInUrl());
    }
}
