using System.Text.RegularExpressions;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>A Marketer types in a new contact from the grid; identifiers someone else holds are named while typing.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class NewContactBrowserTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_marketer_creates_a_contact_by_hand_after_being_told_who_holds_a_typed_email()
    {
        var tag = Tag();
        var holder = await new StoreBuilder(Fixture.Database)
            .ContactAsync(c => (c.FirstName, c.LastName, c.Email) = ("Held", "By" + tag, $"held.{tag}@example.com"));
        var page = await NewPageAsAsync("Marketer");

        await page.Locator("#contacts-new").ClickAsync();
        var dialog = page.Locator("#edit-contact-dialog");
        await Expect(dialog.Locator("#edit-email")).ToBeEditableAsync();
        await dialog.Locator("#edit-first-name").FillAsync("Nadiya");
        await dialog.Locator("#edit-last-name").FillAsync("New" + tag);
        await dialog.Locator("#edit-email").PressSequentiallyAsync($"HELD.{tag}@example.com");

        var holders = dialog.Locator("#identifier-holders");
        await Expect(holders).ToContainTextAsync($"Email already belongs to Held By{tag} (contact #{holder.Id}).");
        await Expect(holders.GetByRole(AriaRole.Link, new() { Name = $"Open Held By{tag}" })).ToHaveAttributeAsync("href", $"/contacts/{holder.Id}");
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "contact-new-dialog.png");
        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Stillness.WaitAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "contact-new-dialog-390.png");
        await BrowserWindow.ResizeAsync(page, 1440, 900);

        // Saving anyway is refused on the field, keeping what was typed.
        await page.Locator("#edit-save").ClickAsync();
        await Expect(dialog).ToContainTextAsync($"Email already belongs to Held By{tag}");
        await Expect(dialog.Locator("#edit-first-name")).ToHaveValueAsync("Nadiya");

        await dialog.Locator("#edit-email").FillAsync($"nadiya.{tag}@example.com");
        await Expect(holders).Not.ToContainTextAsync("already belongs");
        await page.Locator("#edit-save").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/contacts/\d+$"));
        await Expect(page.Locator("#contact-name")).ToHaveTextAsync($"Nadiya New{tag}");
        await Expect(page.Locator("#section-additional")).ToContainTextAsync("Manual");
        await Expect(page.Locator("#change-history")).ToContainTextAsync("Created by hand");
        await Expect(page.Locator("#contact-last-edit-by")).ToContainTextAsync("@example.com");
    }

    [Fact]
    public async Task A_viewer_is_not_offered_a_new_contact()
    {
        var page = await NewPageAsAsync("Viewer");

        await Expect(page.Locator("#contacts-grid")).ToBeVisibleAsync();
        await Expect(page.Locator("#contacts-new")).ToHaveCountAsync(0);
        await Expect(page.Locator("#contacts-new-phone")).ToHaveCountAsync(0);
    }
}
