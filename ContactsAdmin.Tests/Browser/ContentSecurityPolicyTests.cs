using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>The app works in Chromium under its Content-Security-Policy: the browser refuses nothing the pages need.</summary>
public class ContentSecurityPolicyTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    /// <summary>What the browser reports refusing under the policy (Chromium logs each refusal to the console).</summary>
    private static List<string> Refusals(IPage page)
    {
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) refusals.Add(message.Text);
        };
        return refusals;
    }

    [Fact]
    public async Task The_signed_in_pages_and_a_contact_card_run_with_nothing_refused()
    {
        var page = await NewPageAsync();
        var refusals = Refusals(page);
        await page.GotoAsync("contacts");
        await SignInAsync(page, Infrastructure.AppFactory.AdminEmail, Infrastructure.AppFactory.AdminPassword);
        await WaitForInteractiveAsync(page);

        await page.Locator("#contacts-grid a.contact-name").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/contacts/\\d+"));
        await page.GotoAsync("settings/api-keys");
        await WaitForInteractiveAsync(page);

        Assert.Empty(refusals);
    }

    [Fact]
    public async Task The_interactive_api_reference_renders_the_endpoints_with_nothing_refused()
    {
        var page = await NewPageAsync();
        var refusals = Refusals(page);
        await page.GotoAsync("contacts");
        await SignInAsync(page, Infrastructure.AppFactory.AdminEmail, Infrastructure.AppFactory.AdminPassword);

        await page.GotoAsync("api-reference/v1");

        await Expect(page.GetByText("Add or update one contact").First).ToBeVisibleAsync();
        Assert.Empty(refusals);
    }
}
