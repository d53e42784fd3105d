using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>An Admin archives a category at /settings/categories, and a contact's card no longer offers it.</summary>
public class CategoryArchivePageTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_archived_category_is_no_longer_offered_on_a_contacts_card_until_it_is_restored()
    {
        var store = new StoreBuilder(Fixture.Database);
        var category = await store.CategoryAsync($"Archive me {Tag()}");
        var contact = await store.ContactAsync();
        var page = await NewAdminPageAsync();
        var onCard = page.Locator($"#contact-subscriptions tr[data-category='{category.Key}']");

        await page.GotoAsync($"contacts/{contact.Id}");
        await WaitForInteractiveAsync(page);
        await Expect(onCard).ToBeVisibleAsync();

        await page.GotoAsync("settings/categories");
        var row = page.Locator("#categories tbody tr", new() { HasText = category.Name });
        await row.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
        await Expect(row.Locator(".category-archived")).ToHaveTextAsync("Archived");
        await Expect(row.Locator(".category-subscribers")).ToHaveTextAsync("0");

        await page.GotoAsync($"contacts/{contact.Id}");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#contact-subscriptions")).ToBeVisibleAsync();
        await Expect(onCard).ToHaveCountAsync(0);

        await page.GotoAsync("settings/categories");
        await row.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).ClickAsync();
        await Expect(row.Locator(".category-archived")).ToHaveCountAsync(0);
        await page.GotoAsync($"contacts/{contact.Id}");
        await WaitForInteractiveAsync(page);
        await Expect(onCard).ToBeVisibleAsync();
    }
}
