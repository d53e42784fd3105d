using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>The demo's "several of a list" field (interests) as a marketer edits it on a card and filters the grid by it.</summary>
public class MultiChoiceFieldTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private async Task<CustomFieldDefinition> InterestsAsync()
    {
        await using var db = Fixture.Database.NewContext();
        return await db.CustomFieldDefinitions.AsNoTracking().SingleAsync(f => f.Key == "interests", Ct);
    }

    private static ILocator Select(IPage page, string label) =>
        page.Locator(".mud-select").Filter(new() { Has = page.GetByText(label, new() { Exact = true }) }).First;

    /// <summary>
    /// Ticks options in a multi-select, then closes its list as a person does, with a click inside
    /// <paramref name="around"/> beside the list (outside it a click would close the dialog too).
    /// </summary>
    private static async Task TickAsync(IPage page, string label, string around, params string[] options)
    {
        await Select(page, label).ClickAsync();
        foreach (var option in options)
            await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        var box = await page.Locator(around).First.BoundingBoxAsync();
        await page.Mouse.ClickAsync(box!.X + 12, box.Y + 12);
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = options[0], Exact = true })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_marketer_ticks_two_interests_on_the_card_and_sees_them_there_in_the_history_and_in_the_grids_filter()
    {
        var tag = Tag();
        var interests = await InterestsAsync();
        var contact = await new StoreBuilder(Fixture.Database).ContactAsync(c =>
        {
            (c.FirstName, c.LastName, c.Email) = ("Test", "Multi" + tag, $"{tag}.multi@example.org");
            (c.CreatedAt, c.LastEditAt) = (new DateTime(2001, 1, 1, 12, 0, 0, DateTimeKind.Utc), new DateTime(2001, 1, 1, 12, 0, 0, DateTimeKind.Utc));
        });
        var user = await Fixture.CreateUserAsync(Roles.Marketer);
        var page = await NewPageAsync();
        await SignInAsync(page, user.Email, user.Password);
        await page.GotoAsync($"contacts/{contact.Id}");
        await WaitForInteractiveAsync(page);

        await page.Locator(".edit-contact").First.ClickAsync();
        await TickAsync(page, interests.Label, "#edit-contact-dialog", "art", "travel");
        await Expect(Select(page, interests.Label).Locator("input").First).ToHaveValueAsync(new Regex("art|travel"));
        await page.Locator("#edit-save").ClickAsync();
        await Expect(page.Locator("#edit-contact-dialog")).ToBeHiddenAsync();

        var shown = page.Locator($"[data-fact='{interests.Label}'] .fact-value .mud-chip");
        await Expect(shown).ToHaveTextAsync(["travel", "art"]);   // in the field's order, whatever order they were ticked in
        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Expect(shown).ToHaveTextAsync(["travel", "art"]);
        await Expect(page.Locator("#change-history tbody tr").Filter(new() { HasText = interests.Label })).ToContainTextAsync("travel, art");
        await using (var db = Fixture.Database.NewContext())
        {
            var stored = await db.CustomFieldValues.SingleAsync(v => v.ContactId == contact.Id && v.FieldId == interests.Id, Ct);
            Assert.Equal("\ntravel\nart\n", stored.TextValue);
        }

        await page.GotoAsync("contacts");
        await WaitForInteractiveAsync(page);
        await page.Locator("#contact-search").FillAsync(tag);
        await Expect(page.Locator("#contacts-grid a.contact-name")).ToHaveCountAsync(1);
        await Select(page, "Custom field").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = interests.Label, Exact = true }).ClickAsync();
        await TickAsync(page, "Options", "#contact-filters", "cooking");
        await page.Locator("#apply-field-filter").ClickAsync();
        await Expect(page.Locator("#contacts-grid a.contact-name")).ToHaveCountAsync(0);
        await TickAsync(page, "Options", "#contact-filters", "art");   // now "cooking" or "art"
        await page.Locator("#apply-field-filter").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"field={interests.Id}&op=equals&value=cooking%0[Aa]art"));
        await Expect(page.Locator("#contacts-grid a.contact-name")).ToHaveTextAsync([$"Test Multi{tag}"]);
    }
}
