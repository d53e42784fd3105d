using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// Every page of the app, and its dialogs, meets WCAG 2.1 AA (axe: nothing serious or critical) in the light and the
/// dark theme, at a laptop's width and at a phone's. The pages come from the app's own routes, so a new page fails
/// <see cref="Every_route_of_the_app_is_swept"/> until it is added to <see cref="SweptPages"/>.
/// </summary>
public class AccessibilitySweepTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    public static TheoryData<string, ColorScheme> PagesInBothThemes()
    {
        var data = new TheoryData<string, ColorScheme>();
        foreach (var page in SweptPages.All)
        {
            data.Add(page.Name, ColorScheme.Light);
            data.Add(page.Name, ColorScheme.Dark);
        }
        return data;
    }

    [Fact]
    public void Every_route_of_the_app_is_swept()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes<RouteAttribute>())
            .Select(route => route.Template)
            .Except(SweptPages.NotSwept)
            .ToHashSet();

        Assert.Subset(SweptPages.All.Select(p => p.Route).ToHashSet(), routes);
    }

    [Theory]
    [MemberData(nameof(PagesInBothThemes))]
    public async Task The_page_meets_wcag_21_aa_at_desktop_and_phone_width(string name, ColorScheme theme)
    {
        var swept = SweptPages.Named(name);
        var page = swept.Anonymous ? await NewPageAsync() : await NewAdminPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = theme });

        await page.GotoAsync(await swept.Address(Fixture));
        await ShowAsync(page, swept, theme);
        await AssertAccessibleAsync(page, swept, theme, "1440 px");

        if (!swept.AtPhoneWidth) return;
        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Stillness.WaitAsync(page);
        await AssertAccessibleAsync(page, swept, theme, "390 px");
    }

    /// <summary>The page with its data, in the asked-for theme, with its dialog open, still and without messages.</summary>
    private async Task ShowAsync(IPage page, SweptPage swept, ColorScheme theme)
    {
        if (!swept.Anonymous)
        {
            await WaitForInteractiveAsync(page);
            await Stillness.WaitForThemeAsync(page, theme == ColorScheme.Dark);
        }
        await Expect(page.Locator(swept.Ready).First).ToBeVisibleAsync();
        if (swept.Open is not null) await swept.Open(page, Fixture);
        await Stillness.WaitAsync(page);
    }

    private static async Task AssertAccessibleAsync(IPage page, SweptPage swept, ColorScheme theme, string width)
    {
        try
        {
            await WcagChecks.AssertAccessibleAsync(page);
        }
        catch (Xunit.Sdk.XunitException failure)
        {
            throw new Xunit.Sdk.XunitException($"{swept.Name} ({swept.Owner}), {theme} theme, {width}:{Environment.NewLine}{failure.Message}");
        }
    }
}
