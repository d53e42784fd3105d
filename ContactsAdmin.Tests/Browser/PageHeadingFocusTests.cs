using System.Text.RegularExpressions;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// Where the keyboard focus goes when a page shows: to its heading (a screen reader announces the page), except where
/// the user already put it when the page turned interactive.
/// </summary>
public class PageHeadingFocusTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Keys_typed_into_the_search_the_moment_the_grid_turns_interactive_all_stay_there()
    {
        var tag = Tag();
        await new StoreBuilder(Fixture.Database).ContactAsync(c => { c.FirstName = "Focus"; c.LastName = tag; });
        var page = await NewPageAsync();
        // The user's click into the search box, as early as it can come: in the same task that draws the interactive
        // page, before anything else the circuit sends. Focusing the heading after this took the keys away.
        await page.AddInitScriptAsync("""
            new MutationObserver((_, observer) => {
                if (!document.querySelector('#main-content[data-interactive=true]')) return;
                observer.disconnect();
                document.querySelector('#contact-search')?.focus();
            }).observe(document, { subtree: true, childList: true, attributes: true });
            """);
        await page.GotoAsync("contacts");
        await SignInAsync(page, AppFactory.AdminEmail, AppFactory.AdminPassword);
        await WaitForInteractiveAsync(page);

        // Typed wherever the focus is, as a person types: no locator moves it back into the box first.
        await page.Keyboard.TypeAsync(tag, new() { Delay = 40 });

        var search = page.Locator("#contact-search");
        await Expect(search).ToBeFocusedAsync();
        await Expect(search).ToHaveValueAsync(tag);
        await Expect(page).ToHaveURLAsync(new Regex($@"/contacts\?q={tag}$"));
        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync("1 contact match");
    }

    [Fact]
    public async Task A_page_loaded_with_nothing_focused_puts_the_focus_on_its_heading()
    {
        var page = await NewAdminPageAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("All contacts");
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Another_page_opened_from_the_menu_takes_the_focus_to_its_heading()
    {
        var page = await NewAdminPageAsync();
        await Expect(page.Locator("h1")).ToBeFocusedAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Segments" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/segments$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Segments");
        // The menu's link keeps the focus after the click; the new page's heading takes it all the same.
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
    }
}
