using System.Text.RegularExpressions;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// An Admin defines a custom field at /settings/fields and follows it through the app: on a contact's card, in its
/// edit dialog, in the grid's field filter, and gone from the card once archived.
/// </summary>
public class CustomFieldsPageTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    private static ILocator SelectLabelled(ILocator scope, string label) =>
        scope.Locator(".mud-select").Filter(new() { Has = scope.Page.GetByText(label, new() { Exact = true }) }).First;

    [Fact]
    public async Task An_admin_creates_a_number_field_in_a_new_group_uses_it_on_a_card_and_in_the_grid_filter_then_archives_it()
    {
        var tag = Tag();
        var label = $"Shoe size {tag}";
        var group = $"Sizes {tag}";
        var contact = await new StoreBuilder(Fixture.Database).ContactAsync(c => { c.FirstName = "Fitting"; c.LastName = tag; c.Email = $"{tag}@example.org"; });
        var page = await NewAdminPageAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Custom fields" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/fields$"));
        await Expect(page.Locator("section.field-group").First).ToBeVisibleAsync();

        await page.Locator("#field-add").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("#field-label").FillAsync(label);
        var key = dialog.Locator("#field-key");
        await Expect(key).ToHaveValueAsync($"shoe_size_{tag}");
        await ChooseAsync(page, SelectLabelled(dialog, "Type"), "Number");
        await ChooseAsync(page, SelectLabelled(dialog, "Group"), "New group…");
        await dialog.Locator("#field-new-group").FillAsync(group);
        await dialog.Locator("#field-help").FillAsync("EU size, as printed inside the shoe");
        // A key that is not a slug is refused under the key field, with everything else kept as typed.
        await key.FillAsync("Shoe Size");
        await dialog.Locator("#field-save").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Key must start with a lower-case letter");
        await Expect(dialog.Locator("#field-label")).ToHaveValueAsync(label);
        await Expect(dialog.Locator("#field-new-group")).ToHaveValueAsync(group);
        await WcagChecks.AssertAccessibleAsync(page);

        await key.FillAsync($"shoe_size_{tag}");
        await dialog.Locator("#field-save").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        var section = page.Locator($"section.field-group[data-group='{group}']");
        var row = section.Locator("tbody tr", new() { HasText = label });
        await Expect(row).ToContainTextAsync($"shoe_size_{tag}");
        await Expect(row).ToContainTextAsync("Number");
        await Expect(row.Locator(".field-values")).ToHaveTextAsync("0");
        await Expect(row).ToContainTextAsync($"by {AppFactory.AdminEmail}");
        // The success message is closed first, as the other settings pages' tests do (the theme's success colours fail axe's contrast rule).
        await Stillness.CloseSnackbarsAsync(page);
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "custom-fields-page.png");
        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Expect(row).ToBeVisibleAsync();
        await WcagChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "custom-fields-page-phone.png");
        await BrowserWindow.ResizeAsync(page, 1440, 900);

        // On the card at once (no restart): its new group and the field, set through the card's edit dialog.
        await page.GotoAsync($"contacts/{contact.Id}");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator(".field-group-title", new() { HasText = group })).ToBeVisibleAsync();
        await page.Locator(".edit-contact").First.ClickAsync();
        await Expect(page.Locator("#edit-contact-dialog")).ToContainTextAsync("EU size, as printed inside the shoe");
        await page.Locator($"#edit-field-shoe_size_{tag}").FillAsync("42");
        await page.Locator("#edit-save").ClickAsync();
        await Expect(page.Locator("#edit-contact-dialog")).ToBeHiddenAsync();
        await Expect(page.Locator($"[data-fact='{label}'] .fact-value")).ToHaveTextAsync("42");

        // The All contacts grid filters by it.
        await page.GotoAsync("contacts");
        await WaitForInteractiveAsync(page);
        await page.Locator("#contact-search").FillAsync(tag);
        await Expect(page.Locator("#contacts-grid a.contact-name")).ToHaveCountAsync(1);
        await ChooseAsync(page, SelectLabelled(page.Locator("#contact-filters"), "Custom field"), label);
        await page.Locator("#filter-field-value").FillAsync("42");
        await page.Locator("#apply-field-filter").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"field=\\d+&op=equals&value=42"));
        await Expect(page.Locator("#contacts-grid a.contact-name")).ToHaveTextAsync([$"Fitting {tag}"]);

        // Archived: gone from the card, kept (with its value) on the settings page.
        await page.GotoAsync("settings/fields");
        await WaitForInteractiveAsync(page);
        await Expect(row.Locator(".field-values")).ToHaveTextAsync("1");
        await row.GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
        await Expect(row.Locator(".field-state")).ToHaveTextAsync("Archived");
        await page.GotoAsync($"contacts/{contact.Id}");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#contact-name")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-fact='{label}']")).ToHaveCountAsync(0);
        await Expect(page.Locator(".field-group-title", new() { HasText = group })).ToHaveCountAsync(0);

        // The demo data other tests read stays as it was: the field goes again, after confirming its one value.
        await page.GotoAsync("settings/fields");
        await WaitForInteractiveAsync(page);
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("1 contact has a value of it");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(section).ToHaveCountAsync(0);
    }
}
