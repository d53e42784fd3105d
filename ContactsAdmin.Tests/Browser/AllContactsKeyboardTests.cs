using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>The All contacts grid without a mouse: Tab into the rows, arrows between them, Enter to open, Back to return; and typing in its search.</summary>
public class AllContactsKeyboardTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static ILocator Names(IPage page) => page.Locator("#contacts-grid a.contact-name");
    private static ILocator Rows(IPage page) => page.Locator("#contacts-grid tr.contact-row");

    private async Task<IPage> OwnUserPageAsync()
    {
        var user = await Fixture.CreateUserAsync("Viewer");
        var page = await NewPageAsync();
        await page.GotoAsync("contacts");
        await SignInAsync(page, user.Email, user.Password);
        await WaitForInteractiveAsync(page);
        await Expect(Names(page)).ToHaveCountAsync(25);
        return page;
    }

    [Fact]
    public async Task Tab_reaches_the_first_row_the_arrows_move_between_rows_and_Enter_opens_the_card()
    {
        var page = await OwnUserPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sort by Language" }).FocusAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(Names(page).Nth(0)).ToBeFocusedAsync();
        // Focus is visible: the focused row is outlined.
        await Expect(Rows(page).Nth(0)).ToHaveCSSAsync("outline-style", "solid");
        await Expect(Rows(page).Nth(1)).ToHaveCSSAsync("outline-style", "none");

        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(Names(page).Nth(2)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(Names(page).Nth(1)).ToBeFocusedAsync();
        await Expect(Rows(page).Nth(1)).ToHaveCSSAsync("outline-style", "solid");
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");   // already at the first row: stays there
        await Expect(Names(page).Nth(0)).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("ArrowDown");
        var href = await Names(page).Nth(1).GetAttributeAsync("href");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href!) + "$"));
    }

    [Fact]
    public async Task The_arrows_move_between_the_prerendered_rows_before_the_page_is_interactive()
    {
        var page = await OwnUserPageAsync();
        // Without Blazor's script the page stays as the server drew it: what works now works from the first paint.
        await page.RouteAsync(new Regex(@"/_framework/blazor\.web\b.*\.js$"), route => route.AbortAsync());
        await page.ReloadAsync();
        await Expect(Names(page)).ToHaveCountAsync(25);
        await Expect(page.Locator("#main-content")).ToHaveAttributeAsync("data-interactive", "false");

        await Names(page).Nth(0).FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(Names(page).Nth(2)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(Names(page).Nth(1)).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Back_from_a_card_opened_with_Enter_gives_the_focus_back_to_its_row()
    {
        var page = await OwnUserPageAsync();
        await Names(page).Nth(0).FocusAsync();
        for (var i = 0; i < 3; i++) await page.Keyboard.PressAsync("ArrowDown");
        await Expect(Names(page).Nth(3)).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#back-to-contacts")).ToBeVisibleAsync();
        await page.GoBackAsync();

        await Expect(Names(page).Nth(3)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(Names(page).Nth(4)).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_cards_back_link_gives_the_focus_back_to_the_row_that_was_opened()
    {
        var page = await OwnUserPageAsync();
        var href = await Names(page).Nth(5).GetAttributeAsync("href");

        await Rows(page).Nth(5).Locator("td").Nth(3).ClickAsync();   // the row, not its link
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href!) + "$"));
        await page.Locator("#back-to-contacts").ClickAsync();

        await Expect(Names(page).Nth(5)).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Slash_then_fast_typing_ends_with_the_rows_for_the_last_term()
    {
        var tag = Tag();
        var store = new StoreBuilder(Fixture.Database);
        foreach (var name in new[] { "First", "Second", "Sixth" })
        {
            await store.ContactAsync(c => (c.FirstName, c.LastName, c.Email, c.CreatedAt, c.LastEditAt) =
                (name, tag, $"{tag}.{name.ToLowerInvariant()}@example.org", LongAgo, LongAgo));
        }
        var page = await OwnUserPageAsync();
        await page.Locator("h1").First.ClickAsync();

        // Each prefix on the way matches a different set ("{tag}." three, "{tag}.s" two, "{tag}.se" one); keys come
        // faster than a search returns, so searches start and are overtaken all along.
        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync($"{tag}.se", new() { Delay = 60 });
        await page.Keyboard.PressAsync("Backspace");
        await page.Keyboard.TypeAsync("i", new() { Delay = 60 });

        await Expect(page).ToHaveURLAsync(new Regex($@"\?q={tag}\.si$"));
        await Expect(Names(page)).ToHaveTextAsync([$"Sixth {tag}"]);
        await Expect(page.Locator("#contact-search")).ToHaveValueAsync($"{tag}.si");
    }
}
