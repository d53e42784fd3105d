using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>Remakes the README's pictures in docs/screenshots, once the page shows what the picture is of.</summary>
public class ScreenshotTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_sign_in_page_is_pictured_with_its_form()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("Account/Login");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await Screenshots.SaveAsync(page, "sign-in.png");
    }

    [Fact]
    public async Task The_contacts_grid_is_pictured_with_a_page_of_rows()
    {
        var page = await NewAdminPageAsync();
        await Expect(page.Locator("#contacts-grid .contact-name")).ToHaveCountAsync(25);
        await Expect(page.Locator("#contacts-total")).ToBeVisibleAsync();

        await Screenshots.SaveAsync(page, "contacts-grid.png");
    }
}
