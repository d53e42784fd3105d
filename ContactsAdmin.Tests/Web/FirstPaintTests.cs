using System.Net;
using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Web;

/// <summary>The app on a test server of its own, counting the queries pages send.</summary>
public sealed class FirstPaintAppFixture : IAsyncLifetime
{
    public PageQueryCounter Queries { get; } = new();

    public AppFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await AppFactory.CreateAsync(new() { ConfigureHost = Queries.InstallIn });
        App.StartServer();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// The first response of an admin page already holds what the page shows (prerendered), drawn in the user's time zone
/// and theme, before any circuit connects. Plain HTTP, as a browser's first request sees it.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class FirstPaintTests(FirstPaintAppFixture fixture) : IClassFixture<FirstPaintAppFixture>
{
    /// <summary>After everything the other tests write, so these contacts are the grid's first page (newest first).</summary>
    private static readonly DateTime Created = new(2031, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static string Tag() => "fp" + Guid.NewGuid().ToString("N")[..10];

    private Task<Contact> ContactAsync(string tag, string first, DateTime? created = null) => new StoreBuilder(fixture.App.Database).ContactAsync(c =>
    {
        c.FirstName = first;
        c.LastName = char.ToUpperInvariant(tag[0]) + tag[1..];
        c.Email = $"{first.ToLowerInvariant()}.{tag}@example.org";
        c.CreatedAt = created ?? Created;
        c.LastEditAt = created ?? Created;
    });

    private async Task<BrowserlessSession> SignedInAsync(string? savedZone = null)
    {
        var (email, password) = await BrowserlessSession.CreateUserAsync(fixture.App, Roles.Viewer);
        if (savedZone is not null)
        {
            await using var scope = fixture.App.Services.CreateAsyncScope();
            await using var db = fixture.App.Database.NewContext();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(TestRun.Ct);
            Assert.Null(await scope.ServiceProvider.GetRequiredService<AccountPreferences>().SetTimeZoneAsync(userId, savedZone, TestRun.Ct));
        }
        var session = new BrowserlessSession(fixture.App);
        await session.SignInAsync(email, password);
        return session;
    }

    private static async Task<string> HtmlAsync(BrowserlessSession session, string path)
    {
        using var response = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestRun.Ct);
    }

    [Fact]
    public async Task The_first_response_of_all_contacts_already_lists_the_first_page()
    {
        var tag = Tag();
        var ada = await ContactAsync(tag, "Ada");
        var bob = await ContactAsync(tag, "Bob");
        using var session = await SignedInAsync();

        var html = await HtmlAsync(session, "/contacts");

        Assert.Contains($">{ada.FirstName} {ada.LastName}</a>", html);
        Assert.Contains($">{bob.FirstName} {bob.LastName}</a>", html);
        Assert.Contains(bob.Email!, html);
    }

    [Theory]
    [InlineData("/contacts")]
    [InlineData("/Account/Login")]
    public async Task No_script_in_the_first_response_holds_back_the_first_paint(string path)
    {
        using var session = path == "/Account/Login" ? new BrowserlessSession(fixture.App) : await SignedInAsync();

        var html = await HtmlAsync(session, path);

        // A classic script without defer or async stops the parser until it has run: the browser paints the prerendered
        // rows only after it (MudBlazor's script alone took longer to evaluate than the grid took to parse).
        var scripts = Regex.Matches(html, "<script\\b[^>]*\\bsrc=[^>]*>").Select(m => m.Value).ToList();
        Assert.Contains(scripts, s => s.Contains("blazor.web"));
        Assert.All(scripts, s => Assert.Matches("\\b(defer|async)\\b|type=\"module\"", s));
    }

    [Fact]
    public async Task The_first_response_of_a_card_already_shows_the_contact()
    {
        var tag = Tag();
        var ada = await ContactAsync(tag, "Ada");
        using var session = await SignedInAsync();

        var html = await HtmlAsync(session, $"/contacts/{ada.Id}");

        Assert.Contains($"{ada.FirstName} {ada.LastName}", html);
        Assert.Contains(ada.Email!, html);
        Assert.Contains($"Contact ID {ada.Id}", html);
    }

    [Fact]
    public async Task The_first_response_of_a_filtered_grid_lists_only_its_matches()
    {
        var tag = Tag();
        var other = Tag();
        var match = await ContactAsync(tag, "Ada");
        var elsewhere = await ContactAsync(other, "Bob");
        using var session = await SignedInAsync();

        var html = await HtmlAsync(session, $"/contacts?q={tag}");

        Assert.Contains($">{match.FirstName} {match.LastName}</a>", html);
        Assert.DoesNotContain(elsewhere.LastName!, html);
        Assert.Contains("1 contact match", html);
    }

    [Fact]
    public async Task A_full_load_of_the_grid_runs_its_queries_once_and_only_while_prerendering()
    {
        var tag = Tag();
        await ContactAsync(tag, "Ada");
        using var session = await SignedInAsync();
        fixture.Queries.Clear();

        await HtmlAsync(session, $"/contacts?q={tag}");

        // The page of rows and its count, each once (the circuit reuses them: see FirstPaintBrowserTests).
        var contactQueries = fixture.Queries.Queries.Where(q => q.Contains("\"Contacts\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(contactQueries);
        Assert.Equal(contactQueries.Count, contactQueries.Distinct().Count());
    }

    [Theory]
    [InlineData(null, null, "2031-06-01 12:00")]                          // a first ever visit: UTC
    [InlineData(null, "Asia/Tokyo", "2031-06-01 21:00")]                  // the browser's zone, remembered in its cookie
    [InlineData("America/New_York", null, "2031-06-01 08:00")]           // the zone saved on the account
    [InlineData("America/New_York", "Asia/Tokyo", "2031-06-01 08:00")]   // the account's zone wins over the browser's
    public async Task Times_in_the_first_response_are_in_the_users_zone(string? savedZone, string? browserZone, string shown)
    {
        var tag = Tag();
        var ada = await ContactAsync(tag, "Ada");
        using var session = await SignedInAsync(savedZone);
        if (browserZone is not null) session.Cookies["contactsadmin-timezone"] = browserZone;

        var grid = await HtmlAsync(session, $"/contacts?q={tag}");
        var card = await HtmlAsync(session, $"/contacts/{ada.Id}");

        Assert.Contains($">{shown}</span>", grid);
        Assert.Contains($">{shown}</span>", card);
    }

    [Fact]
    public async Task A_browser_that_last_used_the_dark_theme_gets_it_in_the_first_response()
    {
        using var session = await SignedInAsync();
        var light = await HtmlAsync(session, "/contacts");
        session.Cookies["contactsadmin-theme"] = "dark";

        var dark = await HtmlAsync(session, "/contacts");

        Assert.Contains(DarkBackground, dark);
        Assert.DoesNotContain(DarkBackground, light);
    }

    /// <summary>The dark palette's page background as MudBlazor's theme provider writes it.</summary>
    private const string DarkBackground = "--mud-palette-background: rgba(50,51,61,1)";
}
