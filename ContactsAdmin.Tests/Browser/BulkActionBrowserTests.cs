using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// Bulk actions on the All contacts grid: rows picked with their boxes (Shift for a range) or all matching a filter,
/// an action confirmed in a dialog naming the count, and its job's progress and result on a page of its own. The
/// selection and the dialog meet WCAG 2.1 AA at 1440 and 390 px, one test in each theme.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class BulkActionBrowserTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private static ILocator Box(IPage page, string name) => page.GetByRole(AriaRole.Checkbox, new() { Name = $"Select {name}", Exact = true });

    /// <summary>axe at 1440 and 390 px (the window is put back), after anything fading has settled.</summary>
    private static async Task AssertAccessibleInBothWidthsAsync(IPage page)
    {
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await BrowserWindow.ResizeAsync(page, 1440, 900);
    }

    private async Task<IPage> DarkAdminPageAsync()
    {
        var page = await NewAdminPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        return page;
    }

    [Fact]
    public async Task Select_three_rows_and_add_them_to_a_category()
    {
        var tag = Tag();
        var store = new StoreBuilder(Fixture.Database);
        var category = await store.CategoryAsync($"Bulk news {tag}");
        // Created in this order, so the grid (newest first) shows Cyril, Boris, Anna.
        foreach (var name in new[] { "Anna", "Boris", "Cyril" })
            await store.ContactAsync(c => (c.FirstName, c.LastName, c.Email, c.CreatedAt) = (name, tag, $"{name.ToLowerInvariant()}.{tag}@example.com", DateTime.UtcNow));
        var page = await NewAdminPageAsync();
        await BrowserWindow.ResizeAsync(page, 1440, 900);
        await page.GotoAsync($"contacts?q={tag}");
        await WaitForInteractiveAsync(page);

        // By keyboard: Space on a row's link selects it (its box is no Tab stop of its own).
        await page.Locator("#contacts-grid a.contact-name", new() { HasText = $"Cyril {tag}" }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#bulk-count")).ToHaveTextAsync("1 selected");
        await Expect(Box(page, $"Cyril {tag}")).ToBeCheckedAsync();
        await Box(page, $"Anna {tag}").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });

        await Expect(page.Locator("#bulk-count")).ToHaveTextAsync("3 selected");
        await Expect(Box(page, $"Boris {tag}")).ToBeCheckedAsync();
        await AssertAccessibleInBothWidthsAsync(page);
        await Screenshots.SaveInEachWindowAsync(page, "bulk-selection");

        await page.Locator("#bulk-actions").ClickAsync();
        await page.Locator("#bulk-addtocategory").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("#bulk-question")).ToHaveTextAsync("Add 3 contacts to this category?");
        await dialog.Locator(".mud-select").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = category.Name, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        await AssertAccessibleInBothWidthsAsync(page);
        await Screenshots.SaveInEachWindowAsync(page, "bulk-dialog");
        await dialog.Locator("#bulk-confirm").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/contacts/bulk/\d+$"));
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = $"Progress of Add 3 contacts to {category.Name}" })).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(page.Locator("#bulk-result-text")).ToHaveTextAsync("Done: 3 changed, 0 unchanged.");

        await page.GotoAsync($"contacts?q={tag}");
        await WaitForInteractiveAsync(page);
        await page.Locator("#contacts-grid a.contact-name", new() { HasText = $"Boris {tag}" }).ClickAsync();
        var row = page.Locator($"#contact-subscriptions tr[data-category='{category.Key}']");
        await Expect(row.Locator("input[type=checkbox]")).ToBeCheckedAsync();
        await Expect(row).ToContainTextAsync("Subscribed");
    }

    [Fact]
    public async Task Select_all_matching_a_filter_and_unsubscribe_them_with_a_progress_bar()
    {
        var tag = Tag();
        var store = new StoreBuilder(Fixture.Database);
        const int matching = 30;   // more than the grid's first page of 25
        for (var i = 0; i < matching; i++)
            await store.ContactAsync(c => (c.FirstName, c.LastName, c.Email) = ($"Reader{i:D2}", tag, $"reader{i}.{tag}@example.com"));
        var page = await DarkAdminPageAsync();
        await page.GotoAsync($"contacts?q={tag}");
        await WaitForInteractiveAsync(page);
        await Stillness.WaitForThemeAsync(page, dark: true);

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select all contacts on this page" }).ClickAsync();
        await Expect(page.Locator("#bulk-count")).ToHaveTextAsync("25 selected");
        await page.Locator("#bulk-select-all").ClickAsync();
        await Expect(page.Locator("#bulk-count")).ToHaveTextAsync($"{matching} selected");
        await Expect(page.Locator("#bulk-all-matching")).ToBeVisibleAsync();
        await AssertAccessibleInBothWidthsAsync(page);
        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Stillness.WaitAsync(page);
        await Screenshots.SaveAsync(page, "bulk-selection-dark-390.png");
        // On a phone the bar fits the width: nothing of it reaches past the window's edge.
        var barRight = await page.Locator("#bulk-bar").EvaluateAsync<double>("e => Math.max(...[...e.querySelectorAll('*')].map(c => c.getBoundingClientRect().right))");
        Assert.True(barRight <= 390, $"The selection bar reaches {barRight} px on a 390 px window.");
        await BrowserWindow.ResizeAsync(page, 1440, 900);

        await page.Locator("#bulk-actions").ClickAsync();
        await page.Locator("#bulk-unsubscribe").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("#bulk-question")).ToHaveTextAsync($"Unsubscribe {matching} contacts from email?");
        await AssertAccessibleInBothWidthsAsync(page);
        await Screenshots.SaveAsync(page, "bulk-dialog-dark.png");
        await dialog.Locator("#bulk-confirm").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/contacts/bulk/\d+$"));
        var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = $"Progress of Unsubscribe {matching} contacts from email" });
        await Expect(bar).ToBeVisibleAsync();
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(page.Locator("#bulk-result-text")).ToHaveTextAsync($"Done: {matching} changed, 0 unchanged.");
        await Expect(page.Locator("#job-count")).ToHaveTextAsync($"{matching} of {matching} contacts (100%)");
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveInEachWindowAsync(page, "bulk-job-dark");

        await page.GotoAsync($"contacts?q={tag}");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#contacts-grid .email-status-chip[data-status=Unsubscribed]")).ToHaveCountAsync(25);
        await Expect(page.Locator("#contacts-grid .email-status-chip[data-status=Active]")).ToHaveCountAsync(0);
    }
}
