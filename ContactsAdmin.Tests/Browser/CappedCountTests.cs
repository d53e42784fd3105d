using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// A grid with more contacts than the count cap, as on a database of millions: the total says "more than",
/// paging on works by seeking from the row at the page's edge, and "Count all" gives the exact number.
/// Its own app with 60 demo contacts and the cap lowered to 20 (the shared app keeps the default).
/// </summary>
public class CappedCountTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_capped_total_says_more_than_pages_by_seeking_and_counts_all_on_request()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new AppFactory(database, seedDemo: true, demoContacts: 60,
            settings: new Dictionary<string, string> { ["Contacts:GridCountCap"] = "20" });
        app.UseKestrel(0);
        app.StartServer();
        await using var context = await Fixture.Browser.NewContextAsync(new()
        {
            BaseURL = app.ClientOptions.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("contacts");
        await SignInAsync(page, AppFactory.AdminEmail, AppFactory.AdminPassword);
        await WaitForInteractiveAsync(page);

        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync("More than 20 contacts");
        await Expect(page.Locator("#contacts-pager-position")).ToHaveTextAsync("1–25 of more than 25");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Last page" })).ToBeDisabledAsync();
        var lastOfFirstPage = await page.Locator("#contacts-grid a.contact-name").Last.GetAttributeAsync("href");

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();

        // The second page is read from the first page's last row; the URL keeps that anchor for reloads and Back.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"page=2&after={lastOfFirstPage!.Split('/')[^1]}$"));
        await Expect(page.Locator("#contacts-pager-position")).ToHaveTextAsync("26–50 of more than 50");
        await Screenshots.SaveAsync(page, "grid-capped-count.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Count all" }).ClickAsync();

        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync("60 contacts");
        await Expect(page.Locator("#contacts-pager-position")).ToHaveTextAsync("26–50 of 60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Last page" }).ClickAsync();
        await Expect(page.Locator("#contacts-pager-position")).ToHaveTextAsync("51–60 of 60");
        // The exact count stays while only the page changes.
        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync("60 contacts");
    }
}
