using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>An Admin adds a subscription category at /settings/categories, is told what a refused key was, and deletes it again.</summary>
public class CategoriesPageTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_adds_a_category_and_sees_it_listed_with_no_subscribers()
    {
        var name = $"Spring offers {Guid.NewGuid().ToString("N")[..6]}";
        var page = await NewAdminPageAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Subscription categories" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/categories$"));
        await Expect(page.Locator("#categories tbody tr", new() { HasText = "newsletter" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add category" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        var key = dialog.GetByLabel("Key");
        await Expect(key).ToHaveValueAsync(new Regex("^spring_offers_[0-9a-f]{6}$"));
        // A key taken by another category is refused under the key field, with the name kept as typed.
        await key.FillAsync("newsletter");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add category" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Another category already has the key newsletter.");
        await Expect(dialog.GetByLabel("Name")).ToHaveValueAsync(name);
        await WcagChecks.AssertAccessibleAsync(page);

        var chosenKey = $"spring_{Guid.NewGuid().ToString("N")[..6]}";
        await key.FillAsync(chosenKey);
        await dialog.GetByLabel("Description").FillAsync("Seasonal sales");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add category" }).ClickAsync();

        var row = page.Locator("#categories tbody tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync(chosenKey);
        await Expect(row.Locator(".category-subscribers")).ToHaveTextAsync("0");
        // The success message is closed first, as the Users page test does: the theme's success colours fail axe's
        // contrast rule on every page, which is the theme's to fix rather than this page's.
        await Stillness.CloseSnackbarsAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "categories-page.png");

        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Expect(row).ToBeVisibleAsync();
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "categories-page-phone.png");

        // The demo data other tests read stays as it was: the new category goes again.
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Nobody is subscribed to it.");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
    }
}
