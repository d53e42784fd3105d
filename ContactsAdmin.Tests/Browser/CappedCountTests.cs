using System.Globalization;
using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// A grid with more contacts than the count cap, as on a database of millions: the total says "more than",
/// paging on works by seeking from the row at the page's edge, and "Count all" gives the exact number. A
/// filter that combines indexes says "about", from a sample. Each test has its own app with the cap lowered to
/// 20 and, for the estimate, a sample small enough for a thousand contacts (the shared app keeps the defaults).
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class CappedCountTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_capped_total_says_more_than_pages_by_seeking_and_counts_all_on_request()
    {
        await using var app = await AppFactory.CreateAsync(new()
        {
            SeedDemo = true, DemoContacts = 60, RealPort = true, Settings = new Dictionary<string, string> { ["Contacts:GridCountCap"] = "20" },
        });
        app.StartServer();
        await using var context = await Fixture.Browser.NewContextAsync(new()
        {
            BaseURL = app.ClientOptions.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("contacts");
        await SignInAsync(page, AppFactory.AdminEmail, AppFactory.AdminPassword);
        await WaitForInteractiveAsync(page);

        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync("More than 20 contacts");
        await Expect(page.Locator("#contacts-pager-position")).ToHaveTextAsync("1–25 of more than 25");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Last page" })).ToBeDisabledAsync();
        var lastOfFirstPage = await page.Locator("#contacts-grid a.contact-name").Last.GetAttributeAsync("href");

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();

        // The second page is read from the first page's last row; the URL keeps that anchor for reloads and Back.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"page=2&after={lastOfFirstPage!.Split('/')[^1]}$"));
        await Expect(page.Locator("#contacts-pager-position")).ToHaveTextAsync("26–50 of more than 50");
        await Screenshots.SaveAsync(page, "grid-capped-count.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Count all" }).ClickAsync();

        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync("60 contacts");
        await Expect(page.Locator("#contacts-pager-position")).ToHaveTextAsync("26–50 of 60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Last page" }).ClickAsync();
        await Expect(page.Locator("#contacts-pager-position")).ToHaveTextAsync("51–60 of 60");
        // The exact count stays while only the page changes.
        await Expect(page.Locator("#contacts-total")).ToHaveTextAsync("60 contacts");
    }

    [Fact]
    public async Task A_combined_filter_shows_an_estimate_as_about_and_counts_all_on_request()
    {
        await using var app = await AppFactory.CreateAsync(new()
        {
            RealPort = true,
            Settings = new Dictionary<string, string>
            {
                ["Contacts:GridCountCap"] = "20",
                ["Contacts:CountSampling:SampleIds"] = "480",
                ["Contacts:CountSampling:Slices"] = "16",
                ["Contacts:CountSampling:MinMatches"] = "10",
            },
        });
        app.StartServer();
        var (events, exact) = await ActiveEventSubscribersAsync(app.Database, contacts: 1200);
        await using var context = await Fixture.Browser.NewContextAsync(new()
        {
            BaseURL = app.ClientOptions.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var filtered = ContactGridView.Default with { Status = EmailStatus.Active, CategoryId = events.Id };
        await page.GotoAsync(filtered.ToUri().TrimStart('/'));
        await SignInAsync(page, AppFactory.AdminEmail, AppFactory.AdminPassword);
        await WaitForInteractiveAsync(page);

        var total = page.Locator("#contacts-total");
        await Expect(total).ToHaveTextAsync(new Regex(@"^About [\d,]+ contacts match$"));
        var estimate = int.Parse(Regex.Match(await total.TextContentAsync() ?? "", @"[\d,]+").Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.InRange(estimate, exact * 0.6, exact * 1.4);
        // The explanation and the estimate's margin, for keyboard users as well: a button whose tooltip shows on focus.
        var hint = page.Locator("#contacts-total-hint");
        await Expect(hint).ToHaveAttributeAsync("aria-label", new Regex(@"^Estimated from a sample of all contacts, likely within ±\d+%"));
        await hint.FocusAsync();
        await Expect(page.Locator(".mud-tooltip").Filter(new() { HasText = "likely within" })).ToBeVisibleAsync();
        await Expect(page.Locator("#contacts-pager-position")).ToHaveTextAsync($"1–25 of about {estimate:N0}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Last page" })).ToBeDisabledAsync();
        await Screenshots.SaveAsync(page, "grid-estimated-count.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Count all" }).ClickAsync();

        await Expect(total).ToHaveTextAsync($"{exact:N0} contacts match");
        await Expect(page.Locator("#contacts-pager-position")).ToHaveTextAsync($"1–25 of {exact:N0}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Last page" })).ToBeEnabledAsync();
    }

    /// <summary>Contacts, each Active or Unsubscribed and subscribed to Events or not at random; the number both Active and subscribed.</summary>
    private static async Task<(SubscriptionCategory Events, int Both)> ActiveEventSubscribersAsync(TestDatabase database, int contacts)
    {
        var events = await new StoreBuilder(database).CategoryAsync("Events");
        var random = new Random(7);
        var start = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        await using var db = database.NewContext();
        var rows = Enumerable.Range(0, contacts).Select(i => new Contact
        {
            FirstName = $"Guest{i:000}", Email = $"guest{i}@example.com", EmailNormalized = $"guest{i}@example.com",
            EmailStatus = random.Next(3) == 0 ? EmailStatus.Unsubscribed : EmailStatus.Active,
            Source = ContactSource.Api, CreatedAt = start.AddMinutes(i), LastEditAt = start.AddMinutes(i),
        }).ToList();
        db.Contacts.AddRange(rows);
        await db.SaveChangesAsync();
        var both = 0;
        foreach (var contact in rows.Where(_ => random.Next(2) == 0))
        {
            db.ContactSubscriptions.Add(new ContactSubscription
            {
                ContactId = contact.Id, CategoryId = events.Id, IsSubscribed = true, Since = start, Source = ContactSource.Manual,
            });
            if (contact.EmailStatus == EmailStatus.Active) both++;
        }
        await db.SaveChangesAsync();
        return (events, both);
    }
}
