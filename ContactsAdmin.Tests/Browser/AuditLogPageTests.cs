using System.Text.RegularExpressions;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>An Admin reads the settings audit log: who changed what, before and after, narrowed by kind in the URL.</summary>
public class AuditLogPageTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_finds_the_key_they_created_and_revoked_and_narrows_the_log_to_another_kind()
    {
        // A long name without a space, as an integrator may paste one: on a phone it must wrap, not widen the log.
        var name = "audit " + Tag() + "-" + new string('x', 70);
        var page = await NewAdminPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await page.Locator("#api-key-new").ClickAsync();
        await page.Locator("#api-key-name").FillAsync(name);
        await page.Locator("#api-key-create").ClickAsync();
        await Expect(page.Locator("#api-key-value")).ToHaveTextAsync(new Regex("^ca_"));
        var keyRow = page.Locator("#api-keys tbody tr", new() { HasText = name });
        await keyRow.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(keyRow).ToContainTextAsync("Revoked");

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/audit$"));
        var entries = page.Locator("#audit-log tbody tr", new() { HasText = name });
        await Expect(entries).ToHaveCountAsync(2);
        // Newest first: the revocation, then the creation, each with what the key was.
        await Expect(entries.Nth(0)).ToContainTextAsync("Revoked");
        await Expect(entries.Nth(1)).ToContainTextAsync("Created");
        await Expect(entries.Nth(1)).ToContainTextAsync("API key");
        await Expect(entries.Nth(1)).ToContainTextAsync("Scopes: everything");
        await Expect(entries.Nth(1)).ToContainTextAsync(AppFactory.AdminEmail);

        // The revocation's message goes first: while it fades in or out its colours are blended with the page, which
        // axe measures as they are at that instant.
        await Stillness.CloseSnackbarsAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "audit-log.png");

        await page.Locator(".mud-select").Filter(new() { Has = page.GetByText("Kind", new() { Exact = true }) }).First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Subscription category", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/audit\\?kind=category$"));
        await Expect(entries).ToHaveCountAsync(0);

        // The URL holds the view: going back shows the key's entries again.
        await page.GoBackAsync();
        await Expect(entries).ToHaveCountAsync(2);

        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Expect(entries.First).ToBeVisibleAsync();
        // The table redraws its rows as cards for the phone: axe run mid-change saw it as a wide region that scrolls.
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "audit-log-phone.png");
    }
}
