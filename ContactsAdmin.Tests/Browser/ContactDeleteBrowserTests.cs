using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>An Admin deletes a contact from its card; Marketers and Viewers are not offered it.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactDeleteBrowserTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_deletes_a_contact_from_its_card_after_a_confirmation_naming_it_and_what_goes_with_it()
    {
        var tag = Tag();
        var store = new StoreBuilder(Fixture.Database);
        var contact = await store.ContactAsync(c => (c.FirstName, c.LastName, c.Email) = ("Halyna", "Gone" + tag, $"halyna.{tag}@example.com"));
        await store.ActivitiesAsync(contact, new Activity { OccurredAt = DateTime.UtcNow, Channel = ActivityChannel.Website, Name = "PageViewed" });
        var page = await NewAdminPageAsync();
        await page.GotoAsync($"contacts?q={tag}");
        await WaitForInteractiveAsync(page);
        await page.Locator("#contacts-grid a.contact-name").First.ClickAsync();
        await Expect(page.Locator("#contact-name")).ToHaveTextAsync($"Halyna Gone{tag}");

        await page.Locator("#delete-contact").ClickAsync();
        var dialog = page.Locator("#delete-contact-dialog");
        await Expect(dialog.Locator("#delete-contact-question")).ToContainTextAsync($"Halyna Gone{tag}");
        await Expect(dialog.Locator("#delete-contact-parts")).ToContainTextAsync("1 activity");
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "contact-delete-dialog.png");
        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "contact-delete-dialog-390.png");
        await BrowserWindow.ResizeAsync(page, 1440, 900);
        await page.Locator("#delete-contact-confirm").ClickAsync();

        // Back on the grid the card was opened from, which no longer finds the contact.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/contacts\?q={tag}$"));
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Deleted Halyna Gone{tag}");
        await Expect(page.Locator("#contacts-grid a.contact-name")).ToHaveCountAsync(0);
        await page.GotoAsync($"contacts/{contact.Id}");
        await Expect(page.Locator("#contact-not-found")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Cancelling_the_confirmation_keeps_the_contact()
    {
        var tag = Tag();
        var contact = await new StoreBuilder(Fixture.Database).ContactAsync(c => (c.FirstName, c.LastName) = ("Kept", tag));
        var page = await NewAdminPageAsync();
        await page.GotoAsync($"contacts/{contact.Id}");
        await WaitForInteractiveAsync(page);

        await page.Locator("#delete-contact").ClickAsync();
        await Expect(page.Locator("#delete-contact-confirm")).ToBeEnabledAsync();
        // Escape goes to the focused element: a loaded machine may not have moved focus into the dialog yet, as a
        // person looking at it would have by then (a clean-clone run pressed it while focus was still on the card).
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).FocusAsync();
        await page.Keyboard.PressAsync("Escape");

        await Expect(page.Locator("#delete-contact-dialog")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(page.Locator("#contact-name")).ToHaveTextAsync($"Kept {tag}");
    }

    [Theory]
    [InlineData("Marketer")]
    [InlineData("Viewer")]
    public async Task Only_admins_are_offered_delete_on_the_card(string role)
    {
        var contact = await new StoreBuilder(Fixture.Database).ContactAsync(c => c.FirstName = "Safe");
        var user = await Fixture.CreateUserAsync(role);
        var page = await NewPageAsync();
        await page.GotoAsync($"contacts/{contact.Id}");
        await SignInAsync(page, user.Email, user.Password);
        await WaitForInteractiveAsync(page);

        await Expect(page.Locator("#contact-name")).ToHaveTextAsync("Safe");
        await Expect(page.Locator("#delete-contact")).ToHaveCountAsync(0);
    }
}
