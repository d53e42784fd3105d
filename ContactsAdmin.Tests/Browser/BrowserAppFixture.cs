using ContactsAdmin.Features.Users;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// The whole app on a real Kestrel port with demo contacts, and one Chromium for every browser test.
/// Browser tests share it through the "Browser" collection, so they run one after another (two cores,
/// one browser). Each test opens its own browser context (own cookies) and creates its own users.
/// </summary>
public sealed class BrowserAppFixture : IAsyncLifetime
{
    public const int DemoContacts = 60;

    private AppFactory? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    // Without Chromium nothing was started: whatever a test asks for first skips it (or fails it under CI).
    public IBrowser Browser => Started(browser);
    public AppFactory App => Started(app);
    public TestDatabase Database => App.Database;

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseUrl => App.ClientOptions.BaseAddress;

    public async ValueTask InitializeAsync()
    {
        // Without a browser the tests skip (or fail under CI) one by one; starting the app would be wasted.
        if (!Chromium.IsInstalled) return;

        // A slow shared machine: the first circuit can take a few seconds to connect.
        Assertions.SetDefaultExpectTimeout(15_000);

        app = await AppFactory.CreateAsync(new() { SeedDemo = true, DemoContacts = DemoContacts, RealPort = true });
        app.StartServer();

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.ExecutablePath,
            Args = Chromium.LaunchArgs,
        });
    }

    /// <summary>A fresh context (no cookies) with a desktop viewport and a light colour scheme.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new()
    {
        BaseURL = BaseUrl.ToString(),
        ViewportSize = new() { Width = 1440, Height = 900 },
        ColorScheme = ColorScheme.Light,
        Locale = "en-US",
    });

    /// <summary>A user who can sign in, created through the app's own account service.</summary>
    public async Task<TestUser> CreateUserAsync(string role, string? emailPrefix = null)
    {
        var email = $"{emailPrefix ?? role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        // Upper, lower, symbol and digit whatever the Guid holds: Identity asks for each.
        var password = $"Pw-{Guid.NewGuid():N}9";
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, role, password);
        return new TestUser(email, password, role);
    }

    private static T Started<T>(T? part) where T : class
    {
        Chromium.RequireInstalled();
        return part ?? throw new InvalidOperationException("The browser fixture did not start.");
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (app is not null) await app.DisposeAsync();
    }
}

public sealed record TestUser(string Email, string Password, string Role);

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "Browser";
}

/// <summary>A second app and browser, only for <see cref="ScreenshotTests"/>: its demo data stays as seeded.</summary>
[CollectionDefinition(Name)]
public sealed class ScreenshotCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "Screenshots";
}
