using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// The layout takes the theme from the browser before it draws: the user's last choice on this browser, else what
/// the system asks for.
/// </summary>
public class ThemeTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_system_theme_applies_until_the_user_switches_and_the_choice_is_kept_on_reload()
    {
        var light = await NewAdminPageAsync();   // the fixture's browsers ask for light
        var dark = await NewAdminPageAsync();
        await dark.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await dark.ReloadAsync();
        await WaitForInteractiveAsync(dark);

        var lightBackground = await BackgroundAsync(light);
        await Expect(dark.Locator("body")).Not.ToHaveCSSAsync("background-color", lightBackground);
        var darkBackground = await BackgroundAsync(dark);

        await light.GetByRole(AriaRole.Button, new() { Name = "Switch theme" }).ClickAsync();
        await Expect(light.Locator("body")).ToHaveCSSAsync("background-color", darkBackground);
        await light.ReloadAsync();
        await WaitForInteractiveAsync(light);
        await Expect(light.Locator("body")).ToHaveCSSAsync("background-color", darkBackground);   // the saved choice beats the system's light
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
