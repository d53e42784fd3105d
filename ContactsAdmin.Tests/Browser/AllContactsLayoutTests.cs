using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// The All contacts grid at the widths people use: a laptop, a wide desktop, a phone; with added columns; in both
/// themes. Each test signs in as a user of its own, so no other test's column choice changes what it sees.
/// </summary>
public partial class AllContactsLayoutTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    /// <summary>The element that scrolls sideways when the table is wider than the page.</summary>
    private const string Holder = "#contacts-grid .mud-table-container";
    private static readonly DateTime LongAgo = new(2001, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private StoreBuilder Store => new(Fixture.Database);

    private static ILocator Names(IPage page) => page.Locator("#contacts-grid a.contact-name");

    private async Task<IPage> OwnUserPageAsync(GridColumnChoice? columns = null, string address = "contacts")
    {
        var user = await Fixture.CreateUserAsync("Marketer");
        if (columns is not null)
        {
            await using var db = Fixture.Database.NewContext();
            var id = await db.Users.Where(u => u.Email == user.Email).Select(u => u.Id).SingleAsync(Ct);
            await using var scope = Fixture.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<GridPreferences>().SaveAsync(id, columns, Ct);
        }
        var page = await NewPageAsync();
        await page.GotoAsync(address);
        await SignInAsync(page, user.Email, user.Password);
        await WaitForInteractiveAsync(page);
        return page;
    }

    private static async Task<(int Scroll, int Client)> ScrollAndClientWidthAsync(ILocator element)
    {
        var widths = await element.EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        return (widths[0], widths[1]);
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1440, 900)]
    public async Task The_default_columns_fit_without_scrolling_sideways(int width, int height)
    {
        var page = await OwnUserPageAsync();
        await BrowserWindow.ResizeAsync(page, width, height);
        await Expect(Names(page)).ToHaveCountAsync(25);

        var (scroll, client) = await ScrollAndClientWidthAsync(page.Locator(Holder));

        Assert.True(scroll <= client, $"At {width} px the table is {scroll} px wide in a {client} px holder.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sort by Language" })).ToBeInViewportAsync(new() { Ratio = 1 });
        await Screenshots.SaveAsync(page, $"contacts-grid-{width}.png");
    }

    [Fact]
    public async Task On_a_phone_each_row_reads_as_name_address_and_status_and_a_tap_opens_the_card()
    {
        var page = await OwnUserPageAsync();
        await BrowserWindow.ResizeAsync(page, 390, 844);
        var rows = page.Locator("#contacts-grid tr.contact-row");
        await Expect(rows).ToHaveCountAsync(25);

        var (pageScroll, pageClient) = await ScrollAndClientWidthAsync(page.Locator("html"));
        Assert.True(pageScroll <= pageClient, $"The page is {pageScroll} px wide on a {pageClient} px phone.");
        var shownCells = await rows.First.Locator("td").EvaluateAllAsync<int>(
            "cells => cells.filter(c => c.getBoundingClientRect().height > 0 && getComputedStyle(c).visibility === 'visible').length");
        Assert.Equal(2, shownCells);   // the contact (name over address) and the email status
        await Expect(rows.First.Locator("a.contact-name")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(rows.First.Locator(".email-status-chip")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.Locator("#contacts-grid .contact-email").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "contacts-grid-390.png");

        // Search still works, and tapping the row (not only its name) opens the card.
        var id = await SeededContactIdAsync(DemoContacts.ReportedSpamEmail);
        await page.Locator("#contact-search").FillAsync(DemoContacts.ReportedSpamEmail);
        await Expect(rows).ToHaveCountAsync(1);
        await rows.First.Locator(".email-status-chip").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/contacts/{id}$"));
    }

    [Fact]
    public async Task With_added_columns_the_grid_scrolls_sideways_under_a_contact_column_that_stays_put()
    {
        var tag = Tag();
        List<int> fields = [];
        for (var i = 0; i < 6; i++) fields.Add((await Store.FieldAsync($"wide_{i}_{tag}", CustomFieldType.Text)).Id);
        var page = await OwnUserPageAsync(new GridColumnChoice(fields, []));
        await BrowserWindow.ResizeAsync(page, 1280, 800);
        await Expect(Names(page)).ToHaveCountAsync(25);
        var holder = page.Locator(Holder);
        var firstContact = page.Locator("#contacts-grid tbody tr.contact-row td").First;
        var before = await firstContact.BoundingBoxAsync();

        var (scroll, client) = await ScrollAndClientWidthAsync(holder);
        Assert.True(scroll > client, "six added columns should not fit 1280 px");
        await holder.EvaluateAsync("e => e.scrollLeft = e.scrollWidth");
        await Expect(page.Locator("#contacts-grid th").Filter(new() { HasText = $"wide 5 {tag}" })).ToBeInViewportAsync();

        var after = await firstContact.BoundingBoxAsync();
        Assert.Equal(before!.X, after!.X, 1);
        // Drawn over the scrolled cells, not under them: the point at the name is the name's.
        var onTop = await firstContact.EvaluateAsync<bool>(
            "cell => { const r = cell.getBoundingClientRect(); return cell.contains(document.elementFromPoint(r.left + 20, r.top + r.height / 2)); }");
        Assert.True(onTop);
    }

    [Fact]
    public async Task Added_custom_field_and_category_columns_sort_the_grid_on_the_server()
    {
        var tag = Tag();
        var score = await Store.FieldAsync($"score_{tag}", CustomFieldType.Number);
        var club = await Store.CategoryAsync($"Club {tag}");
        var contacts = new Dictionary<string, Contact>();
        foreach (var (name, value) in new[] { ("Bravo", "20"), ("Alpha", "30"), ("Delta", null), ("Charlie", "10") })
        {
            contacts[name] = await Store.ContactAsync(c =>
            {
                (c.FirstName, c.LastName, c.Email, c.CreatedAt, c.LastEditAt) = (name, tag, $"{name.ToLowerInvariant()}.{tag}@example.org", LongAgo, LongAgo);
            });
            if (value is not null) await Store.ValueAsync(contacts[name], score, value);
        }
        await Store.SubscribeAsync(contacts["Delta"], club);
        var page = await OwnUserPageAsync(new GridColumnChoice([score.Id], [club.Id]), $"contacts?q={tag}");
        await Expect(Names(page)).ToHaveCountAsync(4);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Sort by {score.Label}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"sort=field\\.{score.Id}"));
        await Expect(Names(page)).ToHaveTextAsync([$"Charlie {tag}", $"Bravo {tag}", $"Alpha {tag}", $"Delta {tag}"]);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sort by {score.Label}, sorted ascending" }).ClickAsync();
        await Expect(Names(page)).ToHaveTextAsync([$"Alpha {tag}", $"Bravo {tag}", $"Charlie {tag}", $"Delta {tag}"]);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Sort by {club.Name}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"sort=-category\\.{club.Id}"));
        await Expect(Names(page).First).ToHaveTextAsync($"Delta {tag}");
    }

    [Fact]
    public async Task A_blacklisted_contact_without_a_name_shows_its_address_struck_through_under_the_strongest_chip()
    {
        var tag = Tag();
        await Store.ContactAsync(c =>
            (c.Email, c.EmailStatus, c.CreatedAt, c.LastEditAt) = ($"{tag}@example.org", EmailStatus.Blacklisted, LongAgo, LongAgo));
        await Store.ContactAsync(c =>
            (c.FirstName, c.Email, c.EmailStatus, c.CreatedAt, c.LastEditAt) = ("Spam", $"{tag}.spam@example.org", EmailStatus.ReportedSpam, LongAgo, LongAgo));
        var page = await OwnUserPageAsync(address: $"contacts?q={tag}");
        await Expect(Names(page)).ToHaveCountAsync(2);

        await Expect(Names(page).Filter(new() { HasText = $"{tag}@example.org" })).ToHaveCSSAsync("text-decoration-line", "line-through");
        // Blacklisted is drawn filled, reported spam outlined: the strongest status stands out most.
        await Expect(page.Locator("#contacts-grid .email-status-chip[data-status=Blacklisted]")).Not.ToHaveCSSAsync("background-color", "rgba(0, 0, 0, 0)");
        await Expect(page.Locator("#contacts-grid .email-status-chip[data-status=ReportedSpam]")).ToHaveCSSAsync("background-color", "rgba(0, 0, 0, 0)");
    }

    [Theory]
    [InlineData(1440, 900, false)]
    [InlineData(1440, 900, true)]
    [InlineData(390, 844, false)]
    [InlineData(390, 844, true)]
    public async Task The_grid_with_a_filter_and_the_column_chooser_open_meets_WCAG_AA(int width, int height, bool dark)
    {
        var page = await OwnUserPageAsync(address: "contacts?status=blacklisted");
        if (dark)
        {
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await page.ReloadAsync();
            await WaitForInteractiveAsync(page);
            await Stillness.WaitForThemeAsync(page, dark: true);
        }
        await BrowserWindow.ResizeAsync(page, width, height);
        await Expect(Names(page).First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Choose columns" }).ClickAsync();
        await Expect(page.Locator(".column-chooser")).ToBeVisibleAsync();
        // The chooser fades in: axe measured its labels mid-fade once (contrast 4:1 in the dark theme) in a clean-clone run.
        await Stillness.WaitAsync(page);

        await WcagChecks.AssertAccessibleAsync(page);
    }
}
