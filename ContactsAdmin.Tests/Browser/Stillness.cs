using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>A page at rest, for axe and for pictures: both would catch a dialog, a ripple or a snackbar mid-fade.</summary>
public static class Stillness
{
    /// <summary>Closes any snackbar, then waits until every transition has ended (endless ones, a progress bar, aside).</summary>
    public static async Task WaitAsync(IPage page)
    {
        await CloseSnackbarsAsync(page);
        await WaitForTransitionsAsync(page);
    }

    /// <summary>
    /// Closes every snackbar (its last button is its close button) and waits until none is left. The clicks go through
    /// the page's script, all at once: a snackbar also hides itself some 8 s after it appeared, and a pointer's click
    /// aimed at one that just went would wait for it for Playwright's whole action timeout.
    /// </summary>
    public static async Task CloseSnackbarsAsync(IPage page)
    {
        var snackbars = page.Locator(".mud-snackbar");
        while (await snackbars.CountAsync() > 0)
        {
            await page.EvaluateAsync("() => document.querySelectorAll('.mud-snackbar').forEach(s => [...s.querySelectorAll('button')].at(-1)?.click())");
            await Expect(snackbars).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        }
    }

    /// <summary>
    /// Moves the pointer off whatever it rests on (to the window's bottom-left corner, the navigation drawer or the page's
    /// margin, where nothing has a tooltip) and waits until no tooltip is open.
    /// </summary>
    public static async Task WaitForNoTooltipAsync(IPage page)
    {
        var height = page.ViewportSize?.Height ?? 600;
        await page.Mouse.MoveAsync(0, height - 1);
        await Expect(page.Locator(".mud-tooltip.mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>Waits until every transition and animation has ended (endless ones, a progress bar, aside).</summary>
    public static Task WaitForTransitionsAsync(IPage page) => page.WaitForFunctionAsync(
        "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)");

    /// <summary>
    /// Waits until the page shows the asked-for theme: the layout applies the user's (or the system's) theme after its
    /// first interactive render, so until then a dark page still wears the light theme's colours, which axe measures.
    /// </summary>
    public static async Task WaitForThemeAsync(IPage page, bool dark)
    {
        await page.WaitForFunctionAsync($"dark => ({BodyIsDark})() === dark", dark);
        await WaitAsync(page);
    }

    /// <summary>Whether the page now wears the dark theme (its body's background is dark).</summary>
    public static Task<bool> IsDarkAsync(IPage page) => page.EvaluateAsync<bool>(BodyIsDark);

    private const string BodyIsDark =
        "() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return r + g + b < 384; }";
}
