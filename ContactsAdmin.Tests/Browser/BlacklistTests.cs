using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>Blacklisting as Admins and Marketers do it, on the card, the grid and the Blacklist page.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class BlacklistTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private Task<Contact> ContactAsync(string tag) => new StoreBuilder(Fixture.Database).ContactAsync(c =>
    {
        c.FirstName = "Listed";
        c.LastName = char.ToUpperInvariant(tag[0]) + tag[1..];
        c.Email = $"{tag}@example.org";
        c.CreatedAt = LongAgo;
        c.LastEditAt = LongAgo;
    });

    private async Task<IPage> SignedInAsync(string role)
    {
        var user = await Fixture.CreateUserAsync(role);
        var page = await NewPageAsync();
        await SignInAsync(page, user.Email, user.Password);
        await WaitForInteractiveAsync(page);
        return page;
    }

    private static async Task ConfirmWithNoteAsync(IPage page, string note)
    {
        await page.Locator("#email-note").FillAsync(note);
        await page.Locator("#email-note-confirm").ClickAsync();
        await Expect(page.Locator("#email-note-dialog")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task An_admin_blacklists_an_address_and_card_and_grid_show_it_crossed_out_with_date_and_reason_until_it_is_removed()
    {
        var tag = Tag();
        var contact = await ContactAsync(tag);
        var page = await SignedInAsync(Roles.Admin);
        await page.GotoAsync($"contacts/{contact.Id}");

        // First the contact unsubscribes, so removing the blacklist later has something to go back to.
        await page.Locator("#email-unsubscribe").ClickAsync();
        await ConfirmWithNoteAsync(page, "");
        await Expect(page.Locator("#contact-email-status")).ToHaveTextAsync("Unsubscribed");

        await page.Locator("#email-blacklist").ClickAsync();
        await page.Locator("#blacklist-add-note").FillAsync("Asked us never to write again");
        await page.Locator("#blacklist-add-confirm").ClickAsync();
        await Expect(page.Locator("#blacklist-add-dialog")).ToBeHiddenAsync();

        await Expect(page.Locator("#contact-email-status")).ToHaveTextAsync("Blacklisted");
        await Expect(page.Locator("#contact-email")).ToHaveClassAsync(new Regex("blacklisted"));
        await Expect(page.Locator("#email-status-reason")).ToContainTextAsync("Asked us never to write again");
        await Expect(page.Locator("#section-email-status")).ToContainTextAsync($"since {DateTime.Now:yyyy-MM-dd}");

        await page.GotoAsync($"contacts?q={tag}");
        var row = page.Locator("#contacts-grid tbody tr").First;
        await Expect(row.Locator(".contact-email")).ToHaveClassAsync(new Regex("blacklisted"));
        await Expect(row.Locator(".email-status-chip")).ToHaveTextAsync("Blacklisted");

        await page.GotoAsync($"contacts/{contact.Id}");
        await page.Locator("#email-unblacklist").ClickAsync();
        // A Local entry needs no note (a System one would show why it was added and ask for one).
        await Expect(page.Locator("#email-note-explanation")).ToHaveCountAsync(0);
        await ConfirmWithNoteAsync(page, "");
        // The status goes back to what held before the blacklist.
        await Expect(page.Locator("#contact-email-status")).ToHaveTextAsync("Unsubscribed");
        await Expect(page.Locator("#email-events")).ToContainTextAsync("Removed from blacklist");
    }

    [Fact]
    public async Task A_marketer_can_unsubscribe_but_sees_no_blacklist_actions_and_reads_the_blacklist_page_without_its_actions()
    {
        var contact = await ContactAsync(Tag());
        var page = await SignedInAsync(Roles.Marketer);

        await page.GotoAsync($"contacts/{contact.Id}");

        await Expect(page.Locator("#email-unsubscribe")).ToBeVisibleAsync();
        await Expect(page.Locator("#email-blacklist")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Blacklist" }).ClickAsync();
        await Expect(page.Locator("#blacklist-grid")).ToBeVisibleAsync();
        await Expect(page.Locator("#blacklist-add")).ToHaveCountAsync(0);
        await Expect(page.Locator("#blacklist-admin-only")).ToHaveTextAsync("Only Admins add and remove entries.");
    }

    [Fact]
    public async Task A_viewer_reads_the_blacklist_page_with_its_entries_but_has_no_add_or_remove_buttons()
    {
        var tag = Tag();
        await Fixture.App.Services.GetRequiredService<EmailStatusRecorder>().RecordAsync(new EmailEvent
        {
            Address = $"{tag}@listed.example", Kind = EmailEventKind.BlacklistAdded, BlacklistReason = BlacklistReason.SpamTrap,
            BlacklistScope = BlacklistScope.Local, Note = "Seen in a trap report", OccurredAt = LongAgo
        }, ct: TestContext.Current.CancellationToken);
        // A short address: with a long one in the app bar axe reports its account button as low-contrast (a layout matter, not this page's).
        var viewer = new TestUser($"{tag}@example.com", $"Pw-{Guid.NewGuid():N}9", Roles.Viewer);
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(viewer.Email, viewer.Role, viewer.Password);
        var page = await NewPageAsync();
        await SignInAsync(page, viewer.Email, viewer.Password);
        await WaitForInteractiveAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Blacklist" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Blacklist");
        await page.Locator("#blacklist-search").FillAsync(tag);

        var row = page.Locator("#blacklist-grid tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync($"{tag}@listed.example");
        await Expect(row).ToContainTextAsync("Seen in a trap report");
        await Expect(page.Locator("#blacklist-add")).ToHaveCountAsync(0);
        await Expect(row.Locator(".blacklist-remove")).ToHaveCountAsync(0);
        await Expect(page.Locator("#blacklist-admin-only")).ToHaveTextAsync("Only Admins add and remove entries.");
        await WcagChecks.AssertAccessibleAsync(page);

        await BrowserWindow.ResizeAsync(page, 390, 844);
        await Expect(row).ToBeVisibleAsync();
        await WcagChecks.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task On_the_blacklist_page_an_admin_adds_an_address_no_contact_has_finds_it_and_removes_it()
    {
        var tag = Tag();
        var page = await SignedInAsync(Roles.Admin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Blacklist" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Blacklist");

        await page.Locator("#blacklist-add").ClickAsync();
        await page.Locator("#blacklist-add-address").FillAsync("not an address");
        await page.Locator("#blacklist-add-confirm").ClickAsync();
        await Expect(page.Locator("#blacklist-add-dialog")).ToContainTextAsync("Enter an email address like name@example.com.");
        await page.Locator("#blacklist-add-address").FillAsync($"{tag}@nobody.example");
        await page.Locator("#blacklist-add-note").FillAsync("Seen in a fraud report");
        await page.Locator("#blacklist-add-confirm").ClickAsync();
        await Expect(page.Locator("#blacklist-add-dialog")).ToBeHiddenAsync();

        await page.Locator("#blacklist-search").FillAsync(tag);
        var row = page.Locator("#blacklist-grid tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Seen in a fraud report");
        await Expect(row).ToContainTextAsync("No contact");
        await Expect(row).ToContainTextAsync("Local");

        await row.Locator(".blacklist-remove").ClickAsync();
        await ConfirmWithNoteAsync(page, "Cleared");
        await Expect(page.Locator("#blacklist-empty")).ToHaveTextAsync("No entries match these filters.");
    }

    [Fact]
    public async Task Removing_an_automatic_entry_first_shows_why_it_was_added_and_asks_for_a_note()
    {
        var id = await SeededContactIdAsync(DemoContacts.NonExistentAddressEmail);
        var page = await SignedInAsync(Roles.Admin);
        await page.GotoAsync($"contacts/{id}");
        await Expect(page.Locator("#contact-email-status")).ToHaveTextAsync("Blacklisted");

        await page.Locator("#email-unblacklist").ClickAsync();

        await Expect(page.Locator("#email-note-explanation")).ToContainTextAsync("Added automatically on");
        await Expect(page.Locator("#email-note-explanation")).ToContainTextAsync("Non-existent address");
        await page.Locator("#email-note-confirm").ClickAsync();
        await Expect(page.Locator("#email-note-dialog")).ToContainTextAsync("Note is needed.");
        await ConfirmWithNoteAsync(page, "The customer confirmed the mailbox exists");
        await Expect(page.Locator("#contact-email-status")).Not.ToHaveTextAsync("Blacklisted");
        await Expect(page.Locator("#email-events tbody tr").First).ToContainTextAsync("The customer confirmed the mailbox exists");
    }

    [Fact]
    public async Task On_the_blacklist_page_removing_a_manual_entry_of_an_address_that_also_bounced_says_why_the_automatic_one_was_added()
    {
        // A removal ends every active entry of the address, so removing the Local row also removes the System one.
        var tag = Tag();
        var address = $"{tag}@bounced.example";
        var recorder = Fixture.App.Services.GetRequiredService<EmailStatusRecorder>();
        await recorder.RecordAsync(new EmailEvent
        {
            Address = address, Kind = EmailEventKind.BlacklistAdded, BlacklistReason = BlacklistReason.Manual,
            BlacklistScope = BlacklistScope.Local, Note = "Seen in a fraud report", OccurredAt = LongAgo
        }, ct: TestContext.Current.CancellationToken);
        await recorder.RecordAsync(new EmailEvent
        {
            Address = address, Kind = EmailEventKind.HardBounce, SmtpCode = "5.1.1",
            Diagnostic = "550 5.1.1 user unknown", OccurredAt = LongAgo.AddDays(1)
        }, ct: TestContext.Current.CancellationToken);
        var page = await SignedInAsync(Roles.Admin);
        await page.GotoAsync("blacklist");
        await page.Locator("#blacklist-search").FillAsync(tag);
        var rows = page.Locator("#blacklist-grid tbody tr");
        await Expect(rows).ToHaveCountAsync(2);

        await rows.Filter(new() { HasText = "Seen in a fraud report" }).Locator(".blacklist-remove").ClickAsync();

        await Expect(page.Locator("#email-note-explanation")).ToContainTextAsync("Non-existent address");
        await page.Locator("#email-note-confirm").ClickAsync();
        await Expect(page.Locator("#email-note-dialog")).ToContainTextAsync("Note is needed.");
        await ConfirmWithNoteAsync(page, "The customer confirmed the mailbox exists");
        await Expect(page.Locator("#blacklist-empty")).ToHaveTextAsync("No entries match these filters.");
    }
}
