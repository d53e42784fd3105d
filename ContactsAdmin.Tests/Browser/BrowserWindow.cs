using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>Resizing the browser's window, then waiting until the app has followed, as a person would before clicking.</summary>
public static class BrowserWindow
{
    /// <summary>The width from which the layout's responsive drawer is docked beside the page (MudBlazor's Md breakpoint).</summary>
    private const int DrawerDocksFrom = 960;

    /// <summary>
    /// Sets the window's size. Across the drawer's breakpoint the page then moves once more, later: the browser tells the
    /// server its new breakpoint (debounced), and the server's redraw docks or undocks the drawer, shifting the page
    /// 200 px sideways. A click aimed before that shift can press one place and release another, and is lost; so this
    /// waits for the drawer's new state and the end of its slide.
    /// </summary>
    public static async Task ResizeAsync(IPage page, int width, int height)
    {
        var before = page.ViewportSize;
        await page.SetViewportSizeAsync(width, height);
        if (before is null || Docks(before.Width) == Docks(width)) return;
        // A page without a circuit (the static sign-in pages, which have no #main-content) has no server to redraw it: CSS
        // alone follows the window. An app page whose circuit is still starting will redraw once it has: wait for that.
        if (await page.Locator("#main-content").CountAsync() == 0) return;
        await BrowserTest.WaitForInteractiveAsync(page);
        var drawer = page.Locator(".mud-drawer");
        if (await drawer.CountAsync() == 0) return;
        await Expect(drawer).ToHaveClassAsync(new Regex(Docks(width) ? @"\bmud-drawer--open\b" : @"\bmud-drawer--closed\b"));
        await Stillness.WaitForTransitionsAsync(page);
    }

    private static bool Docks(int width) => width >= DrawerDocksFrom;
}
