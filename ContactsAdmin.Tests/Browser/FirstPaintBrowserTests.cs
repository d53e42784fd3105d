using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>A second app on a real port, counting the queries its pages send (the shared browser app counts nothing).</summary>
public sealed class CountingBrowserAppFixture : IAsyncLifetime
{
    public PageQueryCounter Queries { get; } = new();

    public AppFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!Chromium.IsInstalled) return;
        App = await AppFactory.CreateAsync(new() { RealPort = true, ConfigureHost = Queries.InstallIn });
        App.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }
}

/// <summary>
/// Pages arrive prerendered (their rows and cards in the first response) and then work as before once the circuit is
/// up: sorting, opening a card, editing. The circuit reuses what the prerender loaded instead of loading it again.
/// </summary>
public class FirstPaintBrowserTests(BrowserAppFixture fixture, CountingBrowserAppFixture counting)
    : BrowserTest(fixture), IClassFixture<CountingBrowserAppFixture>
{
    private static readonly DateTime LongAgo = new(2002, 2, 2, 12, 0, 0, DateTimeKind.Utc);

    private static Task<Contact> ContactAsync(TestDatabase database, string tag, string first, int daysLater = 0) =>
        new StoreBuilder(database).ContactAsync(c =>
        {
            c.FirstName = first;
            c.LastName = char.ToUpperInvariant(tag[0]) + tag[1..];
            c.Email = $"{first.ToLowerInvariant()}.{tag}@example.org";
            c.CreatedAt = LongAgo.AddDays(daysLater);
            c.LastEditAt = LongAgo.AddDays(daysLater);
        });

    [Fact]
    public async Task After_the_prerendered_grid_the_circuit_sorts_opens_a_card_and_edits_it()
    {
        var tag = Tag();
        var ada = await ContactAsync(Fixture.Database, tag, "Ada", daysLater: 1);
        var bob = await ContactAsync(Fixture.Database, tag, "Bob");
        var page = await NewPageAsync();
        await page.GotoAsync($"contacts?q={tag}");
        await SignInAsync(page, AppFactory.AdminEmail, AppFactory.AdminPassword);
        var names = page.Locator("#contacts-grid a.contact-name");
        await Expect(names).ToHaveTextAsync([$"Ada {ada.LastName}", $"Bob {bob.LastName}"]);   // newest first
        await WaitForInteractiveAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sort by Contact" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=name"));
        await Expect(names).ToHaveTextAsync([$"Ada {ada.LastName}", $"Bob {bob.LastName}"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sort by Contact" }).ClickAsync();
        await Expect(names).ToHaveTextAsync([$"Bob {bob.LastName}", $"Ada {ada.LastName}"]);

        await names.First.ClickAsync();
        await Expect(page.Locator("#contact-name")).ToHaveTextAsync($"Bob {bob.LastName}");

        // A full load of the card: prerendered, then interactive (the edit dialog opens and saves).
        await page.ReloadAsync();
        await Expect(page.Locator("#contact-name")).ToHaveTextAsync($"Bob {bob.LastName}");
        await page.Locator(".edit-contact").First.ClickAsync();
        await page.Locator("#edit-first-name").FillAsync("Robert");
        await page.Locator("#edit-save").ClickAsync();
        await Expect(page.Locator("#contact-name")).ToHaveTextAsync($"Robert {bob.LastName}");
    }

    [Fact]
    public async Task A_full_load_of_the_grid_runs_its_queries_once_the_circuit_reuses_them()
    {
        var tag = Tag();
        var ada = await ContactAsync(counting.App.Database, tag, "Ada");
        await using var context = await CountingContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"contacts?q={tag}");
        await SignInAsync(page, AppFactory.AdminEmail, AppFactory.AdminPassword);

        await AssertTheCircuitReusesThePrerenderAsync(page, $"contacts?q={tag}", page.Locator("#contacts-grid a.contact-name", new() { HasText = ada.LastName }));
    }

    [Fact]
    public async Task A_full_load_of_a_card_reads_the_card_once()
    {
        var tag = Tag();
        var ada = await ContactAsync(counting.App.Database, tag, "Ada");
        await using var context = await CountingContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"contacts/{ada.Id}");
        await SignInAsync(page, AppFactory.AdminEmail, AppFactory.AdminPassword);

        await AssertTheCircuitReusesThePrerenderAsync(page, $"contacts/{ada.Id}", page.Locator("#contact-name", new() { HasText = ada.LastName }));
    }

    private Task<IBrowserContext> CountingContextAsync() =>
        Fixture.Browser.NewContextAsync(new() { BaseURL = counting.App.ClientOptions.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 900 } });

    /// <summary>
    /// The queries of a full load in the browser (prerender, then the circuit) are exactly those of the prerender alone
    /// (the same request sent without a browser, so no circuit starts): the circuit sends none of its own.
    /// </summary>
    private async Task AssertTheCircuitReusesThePrerenderAsync(IPage page, string url, ILocator shown)
    {
        await WaitForInteractiveAsync(page);
        counting.Queries.Clear();
        var response = await page.Context.APIRequest.GetAsync(url);
        Assert.Equal(200, response.Status);
        var prerender = counting.Queries.Queries;
        Assert.Contains(prerender, q => q.Contains("FROM \"Contacts\"", StringComparison.Ordinal));

        counting.Queries.Clear();
        await page.GotoAsync(url);
        await Expect(shown).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
        // A click the circuit answers (and that reads nothing): the page's first interactive render is done by then.
        var drawer = page.Locator(".mud-drawer").First;
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Expect(drawer).ToHaveClassAsync(new Regex("mud-drawer--closed"));

        Assert.Equal(prerender.Order(), counting.Queries.Queries.Order());
    }
}
