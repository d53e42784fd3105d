using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// Base for browser tests: a page in its own context per call, and the steps people take (sign in,
/// wait until the page answers clicks). Contexts are closed when the test ends.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract partial class BrowserTest(BrowserAppFixture fixture) : IAsyncDisposable
{
    private readonly List<IBrowserContext> contexts = [];

    protected BrowserAppFixture Fixture { get; } = fixture;

    /// <summary>
    /// A lower-case word no other test's rows contain: ten random letters (26^10 kinds; six hex letters collided about
    /// once in thirty runs), valid in a name and an email address.
    /// </summary>
    protected static string Tag() => string.Concat(RandomNumberGenerator.GetBytes(10).Select(b => (char)('a' + b % 26)));

    /// <summary>A page with no cookies. Skips the test (fails it under CI) when Chromium is missing.</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var context = await Fixture.NewContextAsync();
        contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as the known Admin, on All contacts and interactive.</summary>
    protected async Task<IPage> NewAdminPageAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("contacts");
        await SignInAsync(page, AppFactory.AdminEmail, AppFactory.AdminPassword);
        await WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>A page signed in as a new user of <paramref name="role"/>, on <paramref name="path"/> and interactive.</summary>
    protected async Task<IPage> NewPageAsAsync(string role, string path = "contacts")
    {
        var user = await Fixture.CreateUserAsync(role);
        var page = await NewPageAsync();
        await page.GotoAsync(path);
        await SignInAsync(page, user.Email, user.Password);
        await WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>
    /// Signs in through the sign-in form (opening it first unless the page is already on it) and waits
    /// until the browser has left the sign-in page.
    /// </summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        if (!IsOnSignIn(page))
            await page.GotoAsync("Account/Login");
        await SubmitSignInAsync(page, email, password);
        await Expect(page).Not.ToHaveURLAsync(SignInUrl());
    }

    /// <summary>Fills and submits the sign-in form, whatever the outcome.</summary>
    public static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>The id of a contact the demo data always creates (see DemoContacts), found by its email.</summary>
    protected async Task<long> SeededContactIdAsync(string email)
    {
        await using var db = Fixture.Database.NewContext();
        return await db.Contacts.Where(c => c.EmailNormalized == email).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the Blazor circuit is up: the main layout marks itself once it renders interactively.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        Expect(page.Locator("#main-content[data-interactive=true]")).ToBeAttachedAsync();

    /// <summary>The sign-in page's address (any ReturnUrl).</summary>
    public static Regex SignInUrl() => SignInPattern();

    private static bool IsOnSignIn(IPage page) => SignInPattern().IsMatch(page.Url);

    [GeneratedRegex(@"/Account/Login(\?|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SignInPattern();

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
            await context.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
