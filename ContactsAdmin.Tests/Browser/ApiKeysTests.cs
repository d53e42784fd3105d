using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>An Admin manages API keys under Settings, and the API honours what they did.</summary>
public class ApiKeysTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private async Task<HttpStatusCode> CallApiAsync(string key)
    {
        using var http = new HttpClient { BaseAddress = Fixture.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var response = await http.GetAsync("/api/v1/contacts/987654321", TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task An_admin_creates_a_key_sees_it_once_and_revokes_it_and_the_api_refuses_it_from_then_on()
    {
        var name = "shop " + Guid.NewGuid().ToString("N")[..6];
        var page = await NewAdminPageAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/api-keys$"));
        await page.Locator("#api-key-new").ClickAsync();
        await page.Locator("#api-key-name").FillAsync(name);
        await page.Locator("#api-key-create").ClickAsync();

        var shown = page.Locator("#api-key-value");
        await Expect(shown).ToHaveTextAsync(new Regex("^ca_"));
        var key = (await shown.TextContentAsync())!.Trim();
        Assert.Equal(HttpStatusCode.NotFound, await CallApiAsync(key));   // accepted: the contact just does not exist

        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        var row = page.Locator("#api-keys tbody tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("Active");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(key);

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        var confirmation = page.GetByRole(AriaRole.Dialog);
        await Expect(confirmation).ToContainTextAsync("stops working at once");
        await confirmation.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await CallApiAsync(key));
    }
}
