using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>An Admin adds a subscription form at /settings/forms, is told what a refused origin was, edits it and reads its snippets.</summary>
public class FormsPageTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_adds_a_form_sees_it_listed_edits_it_and_gets_its_snippets()
    {
        var tag = Tag();
        var name = $"Footer sign-up {tag}";
        var page = await NewAdminPageAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Subscription forms" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/forms$"));
        await Expect(page.Locator("#forms")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add form" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        await Expect(dialog.GetByLabel("Key")).ToHaveValueAsync($"footer-sign-up-{tag}");
        await dialog.GetByLabel("Newsletter").CheckAsync();
        // An origin with a path is refused under its field; what was typed stays.
        await dialog.GetByLabel("Allowed origins").FillAsync("https://shop.example.com/signup");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add form" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("https://shop.example.com/signup is not a web origin");
        await Expect(dialog.GetByLabel("Name")).ToHaveValueAsync(name);
        await Expect(dialog.GetByLabel("Newsletter")).ToBeCheckedAsync();
        await WcagChecks.AssertAccessibleAsync(page);

        await dialog.GetByLabel("Allowed origins").FillAsync("https://shop.example.com");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add form" }).ClickAsync();
        var row = page.Locator("#forms tbody tr", new() { HasText = name });
        await Expect(row.Locator(".form-categories")).ToHaveTextAsync("Newsletter");
        await Expect(row.Locator(".form-state")).ToHaveTextAsync("Active");
        await Expect(row.Locator(".form-last-30")).ToHaveTextAsync("0");

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(dialog.GetByLabel("Key")).ToBeDisabledAsync();
        await Expect(dialog.GetByLabel("Allowed origins")).ToHaveValueAsync("https://shop.example.com");
        await dialog.GetByLabel("Promotions").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(row.Locator(".form-categories")).ToHaveTextAsync("Newsletter, Promotions");

        await row.GetByRole(AriaRole.Button, new() { Name = "Code" }).ClickAsync();
        await Expect(page.Locator("#form-snippet-html")).ToContainTextAsync($"/forms/footer-sign-up-{tag}");
        await Expect(page.Locator("#form-snippet-curl")).ToContainTextAsync("curl -X POST");
        await Stillness.CloseSnackbarsAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "forms-page-snippets.png");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Close" }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "forms-page.png");

        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Expect(row).ToBeVisibleAsync();
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "forms-page-phone.png");
    }
}
