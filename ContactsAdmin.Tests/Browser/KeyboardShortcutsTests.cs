using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>The keyboard conventions people bring from other sites: "/" goes to search, Esc closes a dialog.</summary>
public class KeyboardShortcutsTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Slash_puts_the_cursor_in_the_grids_search_and_is_not_typed_into_it()
    {
        var page = await NewAdminPageAsync();
        var search = page.Locator("#contact-search");
        await Expect(search).ToBeVisibleAsync();
        await page.Locator("h1").First.ClickAsync();   // focus outside any input

        await page.Keyboard.PressAsync("/");
        await Expect(search).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("ab");

        await Expect(search).ToHaveValueAsync("ab");
    }

    [Fact]
    public async Task Slash_typed_inside_a_field_stays_in_that_field()
    {
        var page = await NewAdminPageAsync();
        await page.GotoAsync("settings/widgets");
        await WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add widget" }).ClickAsync();
        var name = page.GetByRole(AriaRole.Dialog).GetByLabel("Name");

        await name.FillAsync("");
        await name.PressSequentiallyAsync("a/b");

        await Expect(name).ToHaveValueAsync("a/b");
        await Expect(name).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Escape_closes_a_dialog()
    {
        var page = await NewAdminPageAsync();
        await page.GotoAsync("settings/widgets");
        await WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add widget" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("half typed");

        await page.Keyboard.PressAsync("Escape");

        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }
}
