using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>A keyboard user sees where the focus is: each stop of the Tab key in the app bar and the menu shows a ring.</summary>
public class FocusVisibleTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    // Settable properties: Playwright fills the result of a script through a parameterless constructor.
    private sealed class FocusStop
    {
        public string Name { get; set; } = "";
        public bool InChrome { get; set; }
        public bool HasRing { get; set; }
        public string Ring { get; set; } = "";
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Tabbing_through_the_app_bar_and_the_menu_rings_every_stop(ColorScheme theme)
    {
        var page = await NewAdminPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = theme });
        await page.GotoAsync("settings/users");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#users tbody tr").First).ToBeVisibleAsync();
        // The app bar's first button, the menu toggle, is where the keyboard starts.
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).FocusAsync();

        var stops = new List<FocusStop>();
        for (var press = 0; press < 30; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            var stop = await FocusedAsync(page);
            if (!stop.InChrome) break;
            stops.Add(stop);
        }

        Assert.Contains(stops, s => s.Name == "Switch theme");
        Assert.Contains(stops, s => s.Name == "Contacts");
        Assert.Contains(stops, s => s.Name == "Audit log");
        var unringed = stops.Where(s => !s.HasRing).Select(s => $"{s.Name} ({s.Ring})").ToList();
        Assert.True(unringed.Count == 0, "No visible focus on: " + string.Join(", ", unringed));
    }

    [Fact]
    public async Task A_focused_button_in_the_page_shows_a_ring()
    {
        var page = await NewAdminPageAsync();
        await page.GotoAsync("settings/users");
        await WaitForInteractiveAsync(page);
        var add = page.Locator("#user-add");
        await Expect(add).ToBeVisibleAsync();
        await page.Locator("h1").First.ClickAsync();

        // Tab from the heading until the "Add user" button is focused.
        for (var press = 0; press < 10 && !await add.EvaluateAsync<bool>("b => b === document.activeElement"); press++)
            await page.Keyboard.PressAsync("Tab");

        var stop = await FocusedAsync(page);
        Assert.Equal("Add user", stop.Name);
        Assert.True(stop.HasRing, stop.Ring);
    }

    /// <summary>
    /// The focused element: its accessible name (label or text), whether it is in the app bar or the menu drawer, and
    /// whether it draws a ring: an outline at least 2 px wide (a box shadow would not do: filled buttons always have one).
    /// </summary>
    private static Task<FocusStop> FocusedAsync(IPage page) => page.EvaluateAsync<FocusStop>("""
        () => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            return {
                name: (el.getAttribute('aria-label') || el.textContent || '').trim(),
                inChrome: el.closest('.mud-appbar, .mud-drawer') !== null,
                hasRing: outline,
                ring: `${el.tagName} outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}, shadow ${style.boxShadow}`,
            };
        }
        """);
}
