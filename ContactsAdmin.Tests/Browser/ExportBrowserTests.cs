using ContactsAdmin.Data;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Features.Export;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>A Marketer or Admin takes the grid's current view away as CSV with its Export button.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ExportBrowserTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_export_button_downloads_the_filtered_grid_as_a_csv_with_its_rows()
    {
        var tag = Tag();
        var store = new StoreBuilder(Fixture.Database);
        foreach (var (first, last) in new[] { ("Anna", "Arden"), ("Borys", "Bilyk"), ("Chloe", "Cruz") })
            await store.ContactAsync(c => (c.FirstName, c.LastName, c.Email) = (first, last + tag, $"{first.ToLowerInvariant()}.{tag}@example.com"));
        await store.ContactAsync(c => (c.FirstName, c.LastName, c.Email, c.EmailStatus) = ("Dana", "Dunn" + tag, $"dana.{tag}@example.com", EmailStatus.Unsubscribed));
        var page = await NewAdminPageAsync();
        await page.GotoAsync($"contacts?q={tag}&status=active&sort=name");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#contacts-grid a.contact-name")).ToHaveCountAsync(3);

        await page.Locator("#contacts-export").ClickAsync();
        await Expect(page.Locator("#contacts-export-visible")).ToBeVisibleAsync();
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "contacts-export-menu.png");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#contacts-export-visible").ClickAsync());

        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.True(CsvText.StartsWithBom(bytes));
        var records = CsvText.Records(bytes);
        Assert.Equal(["Arden" + tag, "Bilyk" + tag, "Cruz" + tag], CsvText.Column(records, ProfileFields.LastName.Label));
        // The page stays where it was: a download, not a navigation.
        await Expect(page.Locator("#contacts-grid a.contact-name")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task The_grid_with_its_export_list_open_passes_the_accessibility_checks_on_a_phone_and_in_the_dark_theme()
    {
        var page = await NewAdminPageAsync();
        await BrowserWindow.ResizeAsync(page, 390, 844);
        await page.Locator("#contacts-export").ClickAsync();
        await Expect(page.Locator("#contacts-export-all")).ToBeVisibleAsync();
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "contacts-export-menu-390.png");

        await BrowserWindow.ResizeAsync(page, 1440, 900);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Stillness.WaitForThemeAsync(page, dark: true);
        await page.Locator("#contacts-export").ClickAsync();
        await Expect(page.Locator("#contacts-export-all")).ToBeVisibleAsync();
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "contacts-export-menu-dark.png");

        // The Blacklist page's Export button, in both themes.
        await page.GotoAsync("blacklist");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#blacklist-export")).ToBeVisibleAsync();
        await Stillness.WaitForThemeAsync(page, dark: true);
        await WcagChecks.AssertAccessibleAsync(page);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Stillness.WaitForThemeAsync(page, dark: false);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "blacklist-export.png");
    }

    [Fact]
    public async Task A_viewer_sees_no_export_button()
    {
        var viewer = await Fixture.CreateUserAsync("Viewer");
        var page = await NewPageAsync();
        await page.GotoAsync("contacts");
        await SignInAsync(page, viewer.Email, viewer.Password);
        await WaitForInteractiveAsync(page);

        await Expect(page.Locator("#contacts-grid")).ToBeVisibleAsync();
        await Expect(page.Locator("#contacts-export")).ToHaveCountAsync(0);
    }
}
