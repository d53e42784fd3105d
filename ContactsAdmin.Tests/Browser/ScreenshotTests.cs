using ContactsAdmin.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// Remakes the README's pictures in docs/screenshots, once the page shows what the picture is of, at a laptop's, a
/// smaller laptop's and a phone's width (see <see cref="Screenshots.Windows"/>). On an app of their
/// own: the fields and categories other browser tests add to the shared one would show up in the pictures.
/// </summary>
[Collection(ScreenshotCollection.Name)]
public class ScreenshotTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_sign_in_page_is_pictured_with_its_form()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("Account/Login");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await Screenshots.SaveInEachWindowAsync(page, "sign-in");
    }

    [Fact]
    public async Task The_contacts_grid_is_pictured_with_a_page_of_rows()
    {
        var page = await NewAdminPageAsync();
        await Expect(page.Locator("#contacts-grid .contact-name")).ToHaveCountAsync(25);
        await Expect(page.Locator("#contacts-total")).ToBeVisibleAsync();

        await Screenshots.SaveInEachWindowAsync(page, "contacts-grid");
    }

    [Fact]
    public async Task A_contact_card_is_pictured_with_every_section()
    {
        var id = await SeededContactIdAsync(DemoContacts.RemovedFromBlacklistEmail);
        var page = await NewAdminPageAsync();

        await page.GotoAsync($"contacts/{id}");
        await Expect(page.Locator("#email-events tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#section-personal")).ToContainTextAsync("Time zone");

        await Screenshots.SaveInEachWindowAsync(page, "contact-card");
    }

    [Fact]
    public async Task A_contacts_activity_tab_is_pictured_with_counts_chart_widgets_and_rows()
    {
        var id = await SeededContactIdAsync(DemoContacts.KnownIdsEmail);
        var page = await NewAdminPageAsync();

        await page.GotoAsync($"contacts/{id}?tab=activity");
        await Expect(page.Locator("#activity-grid tbody tr.activity-row")).ToHaveCountAsync(25);
        await Expect(page.Locator("#activity-chart svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("#widget-frequency-note")).ToBeVisibleAsync();
        // One row open, to show what details look like.
        await page.Locator("#activity-grid tbody tr.activity-row td:first-child button:not([disabled])").First.ClickAsync();
        await Expect(page.Locator(".activity-details").First).ToBeVisibleAsync();
        // Opening the row scrolled the page; the picture starts at the top, like the others.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");

        await Screenshots.SaveInEachWindowAsync(page, "contact-activity");
    }

    [Fact]
    public async Task The_blacklist_is_pictured_with_its_entries()
    {
        var page = await NewAdminPageAsync();
        await page.GotoAsync("blacklist");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#blacklist-grid tbody tr").First).ToBeVisibleAsync();

        await Screenshots.SaveInEachWindowAsync(page, "blacklist");
    }

    [Fact]
    public async Task A_settings_page_is_pictured_with_its_table()
    {
        var page = await NewAdminPageAsync();
        await page.GotoAsync("settings/categories");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#categories tbody tr").First).ToBeVisibleAsync();

        await Screenshots.SaveInEachWindowAsync(page, "settings-categories");
    }
}
