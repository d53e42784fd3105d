using ContactsAdmin.Profile;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>The All contacts grid as a signed-in person uses it.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class AllContactsGridTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_next_page_button_shows_the_next_rows_from_the_server()
    {
        var ct = TestContext.Current.CancellationToken;
        string[] newestFifty;
        int total;
        await using (var db = Fixture.Database.NewContext())
        {
            // Other tests add their own (older) contacts to the shared store; count what is there now.
            total = await db.Contacts.CountAsync(ct);
            // The grid opens newest first, 25 rows a page.
            var rows = await db.Contacts.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Select(c => new { c.FirstName, c.LastName, c.Email, c.Id }).Take(50).ToListAsync(ct);
            newestFifty = [.. rows.Select(c => ContactNames.Display(c.FirstName, c.LastName, c.Email, c.Id))];
        }
        var page = await NewAdminPageAsync();
        var names = page.Locator("#contacts-grid a.contact-name");
        await Expect(names).ToHaveTextAsync(newestFifty[..25]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();

        await Expect(names).ToHaveTextAsync(newestFifty[25..50]);
        await Expect(page.Locator("#contacts-grid")).ToContainTextAsync($"26–50 of {total}");
    }
}
