using System.Globalization;
using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// What a marketer does on the All contacts grid and a contact's card. Each test writes its own contacts,
/// named with a tag of its own and created long ago, so they sort after the demo data and never meet
/// another test's rows.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public partial class ContactWorkflowTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private StoreBuilder Store => new(Fixture.Database);

    private static string Cap(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private Task<Contact> ContactAsync(string tag, Action<Contact>? configure = null) => Store.ContactAsync(c =>
    {
        c.FirstName = "Test";
        c.LastName = Cap(tag);
        c.Email = $"{tag}.person@example.org";
        c.CreatedAt = LongAgo;
        c.LastEditAt = LongAgo;
        configure?.Invoke(c);
    });

    private async Task<IPage> SignedInAsync(string role)
    {
        var user = await Fixture.CreateUserAsync(role);
        var page = await NewPageAsync();
        await SignInAsync(page, user.Email, user.Password);
        await WaitForInteractiveAsync(page);
        return page;
    }

    private static ILocator Rows(IPage page) => page.Locator("#contacts-grid a.contact-name");

    private static async Task ChooseAsync(IPage page, string selectLabel, string option)
    {
        await page.Locator(".mud-select").Filter(new() { Has = page.GetByText(selectLabel, new() { Exact = true }) }).First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task Search_finds_a_contact_by_part_of_its_phone_and_by_part_of_its_email()
    {
        var tag = Tag();
        var digits = string.Concat(Guid.NewGuid().ToString("N").Where(char.IsDigit).Concat("1234567")).Substring(0, 7);
        var contact = await ContactAsync(tag, c => c.Phone = $"+38050{digits}");
        var page = await NewAdminPageAsync();
        var search = page.Locator("#contact-search");

        await search.FillAsync($"050 {digits[..3]} {digits[3..6]}");
        await Expect(Rows(page)).ToHaveTextAsync([$"Test {Cap(tag)}"]);

        await search.FillAsync($"{tag}.pers");
        await Expect(Rows(page)).ToHaveTextAsync([$"Test {Cap(tag)}"]);
        await Expect(page).ToHaveURLAsync(new Regex($@"/contacts\?q={tag}\.pers"));
        Assert.Equal(contact.Email, await page.Locator("#contacts-grid .contact-email").First.TextContentAsync());
    }

    [Fact]
    public async Task A_status_filter_and_a_custom_field_filter_narrow_the_grid_and_survive_a_reload()
    {
        var tag = Tag();
        var tier = await Store.FieldAsync($"tier_{tag}", CustomFieldType.Choice, "bronze", "gold");
        var wanted = await ContactAsync(tag, c => { c.FirstName = "Wanted"; c.EmailStatus = EmailStatus.Blacklisted; });
        var bronze = await ContactAsync(tag, c => { c.FirstName = "Bronze"; c.Email = $"{tag}.b@example.org"; c.EmailStatus = EmailStatus.Blacklisted; });
        var active = await ContactAsync(tag, c => { c.FirstName = "Active"; c.Email = $"{tag}.a@example.org"; });
        await Store.ValueAsync(wanted, tier, "gold");
        await Store.ValueAsync(bronze, tier, "bronze");
        await Store.ValueAsync(active, tier, "gold");
        var page = await NewAdminPageAsync();
        await page.Locator("#contact-search").FillAsync(tag);
        await Expect(Rows(page)).ToHaveCountAsync(3);

        await ChooseAsync(page, "Email status", "Blacklisted");
        await Expect(Rows(page)).ToHaveCountAsync(2);
        await ChooseAsync(page, "Custom field", tier.Label);
        await ChooseAsync(page, "Value", "gold");
        // Wait until the circuit has taken the chosen value before applying (a loaded machine lags).
        await Expect(page.Locator(".mud-select").Filter(new() { Has = page.GetByText("Value", new() { Exact = true }) }).Locator("input").First).ToHaveValueAsync("gold");
        await page.Locator("#apply-field-filter").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"field={tier.Id}"));
        await Expect(Rows(page)).ToHaveTextAsync([$"Wanted {Cap(tag)}"]);

        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Expect(Rows(page)).ToHaveTextAsync([$"Wanted {Cap(tag)}"]);
        await Expect(page).ToHaveURLAsync(new Regex($"status=blacklisted.*field={tier.Id}&op=equals&value=gold"));
        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync("1 contact match");
    }

    [Fact]
    public async Task Clicking_a_rows_blank_space_opens_the_card_and_its_back_link_returns_to_the_same_view()
    {
        var tag = Tag();
        var contact = await ContactAsync(tag, c => c.Country = "UA");
        var page = await NewAdminPageAsync();
        await page.Locator("#contact-search").FillAsync(tag);
        await Expect(Rows(page)).ToHaveCountAsync(1);

        // The Source cell: no link there, just the row.
        await page.Locator("#contacts-grid tbody tr").First.Locator("td").Nth(3).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/contacts/{contact.Id}$"));
        await Expect(page.Locator("#contact-name")).ToHaveTextAsync($"Test {Cap(tag)}");
        await page.Locator("#back-to-contacts").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/contacts\?q={tag}$"));
        await Expect(Rows(page)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Back_and_Forward_step_through_the_searches_and_each_shows_its_own_rows()
    {
        var (first, second) = (Tag(), Tag());
        await ContactAsync(first);
        await ContactAsync(second);
        var page = await NewAdminPageAsync();
        var search = page.Locator("#contact-search");
        await search.FillAsync(first);
        await Expect(Rows(page)).ToHaveTextAsync([$"Test {Cap(first)}"]);
        await search.FillAsync(second);
        await Expect(Rows(page)).ToHaveTextAsync([$"Test {Cap(second)}"]);

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/contacts\?q={first}$"));
        await Expect(Rows(page)).ToHaveTextAsync([$"Test {Cap(first)}"]);
        await Expect(search).ToHaveValueAsync(first);

        await page.GoForwardAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/contacts\?q={second}$"));
        await Expect(Rows(page)).ToHaveTextAsync([$"Test {Cap(second)}"]);
        await Expect(search).ToHaveValueAsync(second);
    }

    [Fact]
    public async Task Typing_slowly_enough_to_search_after_every_key_ends_on_the_whole_term()
    {
        var tag = Tag();
        await ContactAsync(tag);
        var page = await NewAdminPageAsync();
        var search = page.Locator("#contact-search");

        // A pause after every key until its search is in the URL (longer than the debounce), rather than a fixed delay
        // between keys: a busy machine can deliver two keys closer together than they were pressed, and merge their searches.
        for (var typed = 1; typed <= tag.Length; typed++)
        {
            await search.PressAsync(tag[typed - 1].ToString());
            await Expect(page).ToHaveURLAsync(new Regex($@"/contacts\?q={tag[..typed]}$"));
        }

        await Expect(Rows(page)).ToHaveTextAsync([$"Test {Cap(tag)}"]);
        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync("1 contact match");
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/contacts\?q={tag[..^1]}$"));
        await Expect(search).ToHaveValueAsync(tag[..^1]);
    }

    [Fact]
    public async Task Keyboard_users_reach_a_row_and_open_it_with_Enter_and_Back_restores_the_grid()
    {
        var tag = Tag();
        var contact = await ContactAsync(tag);
        var page = await NewAdminPageAsync();
        await page.Locator("#contact-search").FillAsync(tag);
        await Expect(Rows(page)).ToHaveCountAsync(1);

        await Rows(page).First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/contacts/{contact.Id}$"));

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/contacts\?q={tag}$"));
        await Expect(Rows(page)).ToHaveTextAsync([$"Test {Cap(tag)}"]);
    }

    [Fact]
    public async Task A_marketer_edits_a_name_and_a_custom_field_and_after_a_reload_sees_them_with_the_last_edit_and_the_audit_entry()
    {
        var tag = Tag();
        var favourite = await Store.FieldAsync($"favourite_{tag}", CustomFieldType.Text);
        var contact = await ContactAsync(tag);
        var page = await SignedInAsync(Roles.Marketer);
        await page.GotoAsync($"contacts/{contact.Id}");

        await page.Locator(".edit-contact").First.ClickAsync();
        await page.Locator("#edit-first-name").FillAsync("Olena");
        await page.Locator($"#edit-field-{favourite.Key}").FillAsync("Garden tools");
        await page.Locator("#edit-save").ClickAsync();
        await Expect(page.Locator("#edit-contact-dialog")).ToBeHiddenAsync();

        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#contact-name")).ToHaveTextAsync($"Olena {Cap(tag)}");
        await Expect(page.Locator($"[data-fact='{favourite.Label}'] .fact-value")).ToHaveTextAsync("Garden tools");
        await using var db = Fixture.Database.NewContext();
        var stored = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == contact.Id, Ct);
        Assert.True(stored.LastEditAt > DateTime.UtcNow.AddMinutes(-5));
        await Expect(page.Locator("#contact-last-edit")).ToHaveTextAsync(stored.LastEditAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.CurrentCulture));
        await Expect(page.Locator("#contact-last-edit-by")).ToContainTextAsync(stored.LastEditBy!);
        var history = page.Locator("#change-history tbody tr");
        await Expect(history.Filter(new() { HasText = "First name" })).ToContainTextAsync("Olena");
        await Expect(history.Filter(new() { HasText = favourite.Label })).ToContainTextAsync("Garden tools");
    }

    [Fact]
    public async Task A_refused_save_shows_the_reason_next_to_the_field_and_keeps_what_was_typed()
    {
        var tag = Tag();
        var contact = await ContactAsync(tag);
        var page = await SignedInAsync(Roles.Marketer);
        await page.GotoAsync($"contacts/{contact.Id}");

        await page.Locator(".edit-contact").First.ClickAsync();
        await page.Locator("#edit-first-name").FillAsync("12345");
        await page.Locator("#edit-email").FillAsync("not an email");
        await page.Locator("#edit-save").ClickAsync();

        await Expect(page.Locator("#edit-problem")).ToHaveTextAsync("2 fields need a fix before saving.");
        await Expect(page.Locator("#edit-contact-dialog")).ToContainTextAsync("First name must contain letters, not only digits or symbols.");
        await Expect(page.Locator("#edit-contact-dialog")).ToContainTextAsync("Enter an email address like name@example.com.");
        await Expect(page.Locator("#edit-first-name")).ToHaveValueAsync("12345");
        await Expect(page.Locator("#edit-email")).ToHaveValueAsync("not an email");
    }

    [Fact]
    public async Task A_viewer_sees_the_card_without_any_edit_control()
    {
        var tag = Tag();
        var newsletter = await Store.CategoryAsync($"News {tag}");
        var contact = await ContactAsync(tag);
        await Store.SubscribeAsync(contact, newsletter);
        var page = await SignedInAsync(Roles.Viewer);

        await page.GotoAsync($"contacts/{contact.Id}");

        await Expect(page.Locator("#contact-name")).ToHaveTextAsync($"Test {Cap(tag)}");
        await Expect(page.Locator($"#contact-subscriptions tr[data-category='{newsletter.Key}']")).ToContainTextAsync("Subscribed");
        await Expect(page.Locator(".edit-contact")).ToHaveCountAsync(0);
        await Expect(page.Locator("#contact-subscriptions .mud-switch")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Two_people_editing_the_same_contact_get_the_conflict_message_and_overwriting_keeps_both_changes()
    {
        var tag = Tag();
        var contact = await ContactAsync(tag);
        var first = await SignedInAsync(Roles.Marketer);
        var second = await SignedInAsync(Roles.Marketer);
        await first.GotoAsync($"contacts/{contact.Id}");
        await second.GotoAsync($"contacts/{contact.Id}");
        await first.Locator(".edit-contact").First.ClickAsync();
        await second.Locator(".edit-contact").First.ClickAsync();
        await Expect(second.Locator("#edit-first-name")).ToHaveValueAsync("Test");

        await first.Locator("#edit-last-name").FillAsync("Kovalenko");
        await first.Locator("#edit-save").ClickAsync();
        await Expect(first.Locator("#edit-contact-dialog")).ToBeHiddenAsync();
        await second.Locator("#edit-first-name").FillAsync("Olga");
        await second.Locator("#edit-save").ClickAsync();

        var conflict = second.Locator("#edit-conflict");
        await Expect(conflict).ToContainTextAsync("changed this contact");
        await Expect(conflict).ToContainTextAsync($"Last name: “{Cap(tag)}” → “Kovalenko”");
        await second.Locator("#conflict-overwrite").ClickAsync();
        await Expect(second.Locator("#edit-contact-dialog")).ToBeHiddenAsync();
        await Expect(second.Locator("#contact-name")).ToHaveTextAsync("Olga Kovalenko");
    }

    [Fact]
    public async Task A_custom_field_value_with_a_script_is_shown_as_text_and_runs_nothing()
    {
        var tag = Tag();
        var note = await Store.FieldAsync($"note_{tag}", CustomFieldType.Text);
        var contact = await ContactAsync(tag);
        const string attack = "<script>window.__attacked = 1</script><img src=x onerror=\"window.__attacked = 2\">";
        await Store.ValueAsync(contact, note, attack);
        var page = await NewAdminPageAsync();

        await page.GotoAsync($"contacts/{contact.Id}");

        await Expect(page.Locator($"[data-fact='{note.Label}'] .fact-value")).ToHaveTextAsync(attack);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__attacked ?? null"));
        await Expect(page.Locator($"[data-fact='{note.Label}'] img")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_custom_field_column_chosen_in_the_column_chooser_is_shown_and_remembered()
    {
        var tag = Tag();
        var lifetime = await Store.FieldAsync($"ltv_{tag}", CustomFieldType.Number);
        var contact = await ContactAsync(tag);
        await Store.ValueAsync(contact, lifetime, "1250.5");
        var page = await SignedInAsync(Roles.Marketer);
        await page.GotoAsync($"contacts?q={tag}");
        await Expect(Rows(page)).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Choose columns" }).ClickAsync();
        await page.Locator($"[data-column='field-{lifetime.Key}']").ClickAsync();
        await Expect(page.Locator("#contacts-grid th").Filter(new() { HasText = lifetime.Label })).ToHaveCountAsync(1);
        await Expect(page.Locator("#contacts-grid tbody tr").First).ToContainTextAsync("1250.5");

        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#contacts-grid th").Filter(new() { HasText = lifetime.Label })).ToHaveCountAsync(1);
    }
}

public partial class ContactWorkflowTests
{
    [Fact]
    public async Task A_search_that_matches_nothing_says_so_and_offers_to_clear_the_filters()
    {
        var page = await NewAdminPageAsync();

        await page.Locator("#contact-search").FillAsync("zzqx-nobody-has-this");

        await Expect(page.Locator("#contacts-empty")).ToContainTextAsync("No contacts match these filters.");
        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync("0 contacts match");
        await page.Locator("#contacts-empty").GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/contacts$"));
        await Expect(Rows(page)).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_selected_tab_is_in_the_URL_and_survives_a_reload()
    {
        var tag = Tag();
        var contact = await ContactAsync(tag);
        var page = await NewAdminPageAsync();
        await page.GotoAsync($"contacts/{contact.Id}");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Contact Activity" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/contacts/{contact.Id}\\?tab=activity$"));
        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);

        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Contact Activity" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#activity-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Changing_the_email_to_a_blacklisted_address_shows_the_contact_blacklisted_at_once()
    {
        var tag = Tag();
        var contact = await ContactAsync(tag);
        await using (var db = Fixture.Database.NewContext())
        {
            db.EmailEvents.Add(new EmailEvent
            {
                Address = $"{tag}.gone@example.org", Kind = EmailEventKind.HardBounce, SmtpCode = "5.1.1",
                Diagnostic = "550 5.1.1 user unknown", MessageName = "Spring sale", OccurredAt = DateTime.UtcNow.AddDays(-2),
            });
            await db.SaveChangesAsync(Ct);
        }
        var page = await SignedInAsync(Roles.Marketer);
        await page.GotoAsync($"contacts/{contact.Id}");

        await page.Locator(".edit-contact").First.ClickAsync();
        await page.Locator("#edit-email").FillAsync($"{tag}.gone@example.org");
        await page.Locator("#edit-save").ClickAsync();

        await Expect(page.Locator("#edit-contact-dialog")).ToBeHiddenAsync();
        await Expect(page.Locator("#contact-email-status")).ToHaveTextAsync("Blacklisted");
        await Expect(page.Locator("#contact-email")).ToHaveClassAsync(new Regex("blacklisted"));
        await Expect(page.Locator("#email-status-reason")).ToContainTextAsync("5.1.1");
    }

    [Fact]
    public async Task A_marketer_subscribes_a_contact_to_a_category_and_the_card_says_since_when()
    {
        var tag = Tag();
        var category = await Store.CategoryAsync($"Offers {tag}");
        var contact = await ContactAsync(tag);
        var page = await SignedInAsync(Roles.Marketer);
        await page.GotoAsync($"contacts/{contact.Id}");
        var row = page.Locator($"#contact-subscriptions tr[data-category='{category.Key}']");
        await Expect(row).ToContainTextAsync("Not subscribed");

        await row.Locator("input[type=checkbox]").ClickAsync();

        await Expect(row).ToContainTextAsync("Subscribed");
        await Expect(row).ToContainTextAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.CurrentCulture));
        await Expect(page.Locator("#change-history")).ToContainTextAsync($"Subscription: {category.Name}");
    }
}
