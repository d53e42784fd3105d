using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// What a marketer does on a contact's Contact Activity tab: counts, chips that filter, filters that survive a
/// reload and Back, details, and widget displays beyond their frequency. Seeded contacts are only read; a test
/// that changes or needs exact rows writes its own contact.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactActivityTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private static ILocator Rows(IPage page) => page.Locator("#activity-grid tbody tr.activity-row");

    [Fact]
    public async Task A_seeded_contacts_tab_shows_the_count_and_rows_and_a_status_chip_filters_through_a_reload_and_Back()
    {
        var id = await SeededContactIdAsync(DemoContacts.KnownIdsEmail);
        int total, clicked;
        await using (var db = Fixture.Database.NewContext())
        {
            total = await db.Activities.CountAsync(a => a.ContactId == id, Ct);
            clicked = await db.Activities.CountAsync(a => a.ContactId == id && a.Status == MessageStatus.Clicked, Ct);
        }
        Assert.InRange(clicked, 1, total - 1);
        var page = await NewAdminPageAsync();
        await page.GotoAsync($"contacts/{id}");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Contact Activity" }).ClickAsync();
        await Expect(page.Locator("#activity-total")).ToHaveTextAsync($"{total:N0} activities");
        await Expect(Rows(page)).ToHaveCountAsync(Math.Min(25, total));
        await Expect(page.Locator("#activity-chart svg").First).ToBeVisibleAsync();

        await page.Locator("#activity-status-chips [data-status=Clicked]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/contacts/{id}\?tab=activity&status=clicked$"));
        await Expect(page.Locator("#activity-total")).ToHaveTextAsync($"{clicked:N0} of {total:N0} activities match");
        await Expect(Rows(page).Locator(".activity-status-chip")).ToHaveTextAsync(Enumerable.Repeat("Clicked", Math.Min(25, clicked)));

        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("#activity-total")).ToHaveTextAsync($"{clicked:N0} of {total:N0} activities match");
        await Expect(page.Locator("#activity-status-chips [data-status=Clicked]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(Rows(page).Locator(".activity-status-chip")).ToHaveTextAsync(Enumerable.Repeat("Clicked", Math.Min(25, clicked)));

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/contacts/{id}\?tab=activity$"));
        await Expect(page.Locator("#activity-total")).ToHaveTextAsync($"{total:N0} activities");
    }

    [Fact]
    public async Task A_seeded_widget_display_beyond_its_limit_is_marked_and_explained()
    {
        var id = await SeededContactIdAsync(DemoContacts.KnownIdsEmail);
        var page = await NewAdminPageAsync();

        await page.GotoAsync($"contacts/{id}?tab=activity");

        // The demo shows Olena the once-in-a-lifetime welcome popup twice (say, in a private window).
        await Expect(page.Locator("#widget-standings tr[data-widget=welcome-discount] .widget-shown.beyond")).ToHaveTextAsync("shown 2 of 1 in total");
        await Expect(page.Locator("#widget-frequency-note")).ToContainTextAsync("incognito");
        await Expect(page.Locator("#widget-frequency-note")).ToContainTextAsync("cleared cookies and local data");

        await page.Locator("#show-widget-displays").ClickAsync();
        await Expect(page.Locator("#activity-channel-chips [data-channel=WebWidget]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Locator("#activity-search").FillAsync("welcome discount");
        await Expect(page).ToHaveURLAsync(new Regex(@"channel=webwidget&q=welcome%20discount$"));
        await Expect(Rows(page)).ToHaveCountAsync(2);
        await Expect(Rows(page).Locator(".widget-beyond-limit")).ToHaveCountAsync(1);
        await Expect(Rows(page).First.Locator(".widget-beyond-limit")).ToHaveAttributeAsync("aria-label", new Regex("2nd display in total; the widget allows 1 in a lifetime"));
    }

    [Fact]
    public async Task Name_date_range_and_page_live_in_the_URL_and_a_rows_details_open_under_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var contact = await new StoreBuilder(Fixture.Database).ContactAsync(c => { c.FirstName = "Activity"; c.LastName = "Tester"; c.TimeZone = "Europe/Kyiv"; });
        var now = DateTime.UtcNow;
        var mine = Enumerable.Range(1, 30).Select(i => new Activity
        {
            OccurredAt = now.AddHours(-i), Channel = ActivityChannel.Email, Name = $"Sale {tag} {i}", Status = MessageStatus.Delivered,
        }).ToList();
        mine.Add(new Activity
        {
            OccurredAt = now.AddMinutes(-30), Channel = ActivityChannel.Email, Name = $"Sale {tag} bounced", Status = MessageStatus.Undelivered,
            Details = """{"bounceType":"hard","smtpCode":"5.1.1","diagnostic":"550 5.1.1 user unknown"}""",
        });
        mine.Add(new Activity { OccurredAt = now.AddDays(-40), Channel = ActivityChannel.Email, Name = $"Sale {tag} long ago", Status = MessageStatus.Delivered });
        mine.Add(new Activity { OccurredAt = now.AddHours(-2), Channel = ActivityChannel.Website, Name = "PageViewed" });
        await new StoreBuilder(Fixture.Database).ActivitiesAsync(contact, mine);
        var page = await NewAdminPageAsync();
        await page.GotoAsync($"contacts/{contact.Id}?tab=activity");
        await Expect(page.Locator("#activity-total")).ToHaveTextAsync("33 activities");

        await page.Locator("#activity-search").FillAsync($"sale {tag}");
        await Expect(page.Locator("#activity-total")).ToHaveTextAsync("32 of 33 activities match");
        await page.Locator("#activity-quick-ranges").GetByText("30 days").ClickAsync();
        await Expect(page.Locator("#activity-total")).ToHaveTextAsync("31 of 33 activities match");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"\?tab=activity&from=\d{{4}}-\d\d-\d\d&to=\d{{4}}-\d\d-\d\d&q=sale%20{tag}&page=2$"));
        await Expect(Rows(page)).ToHaveCountAsync(6);

        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Expect(Rows(page)).ToHaveCountAsync(6);
        await Expect(page.Locator("#activity-pager-position")).ToHaveTextAsync("26–31 of 31");
        await Expect(page.Locator("#activity-search")).ToHaveValueAsync($"sale {tag}");

        await page.GoBackAsync();
        await Expect(Rows(page)).ToHaveCountAsync(25);
        var bounced = Rows(page).Filter(new() { HasText = "bounced" });
        await Expect(bounced.Locator(".activity-summary")).ToHaveTextAsync("Hard bounce · 5.1.1");
        await bounced.Locator("td").First.Locator("button").ClickAsync();
        await Expect(page.Locator(".activity-details .smtp-code")).ToHaveTextAsync("SMTP 5.1.1");
        await Expect(page.Locator(".activity-details")).ToContainTextAsync("550 5.1.1 user unknown");
    }
}
