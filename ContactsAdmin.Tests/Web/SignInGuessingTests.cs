using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactsAdmin.Tests.Web;

/// <summary>Sign-in resists guessing: attempts are limited, failures logged, and unknown accounts cost a hash check.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class SignInGuessingTests
{
    [Fact]
    public async Task After_the_attempts_allowed_for_one_account_the_next_answer_is_429_with_when_to_try_again()
    {
        await using var app = await AppAsync(perIp: 1000, perAccount: 3);
        var (email, password) = await BrowserlessSession.CreateUserAsync(app, Roles.Viewer);
        using var session = new BrowserlessSession(app);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var wrong = await session.SubmitSignInAsync(email, $"wrong-password-{attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("The email or password is not right.", await wrong.Content.ReadAsStringAsync(Ct));
        }
        // Even the right password waits: the limit is on attempts, not on failures.
        using var refused = await session.SubmitSignInAsync(email.ToUpperInvariant(), password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var seconds = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 60);
        Assert.Contains($"Too many sign-in attempts. Try again in {seconds} seconds.", await refused.Content.ReadAsStringAsync(Ct));
        Assert.False(await session.IsSignedInForAsync("/contacts"));

        // Another account from the same address is not held up.
        var other = await BrowserlessSession.CreateUserAsync(app, Roles.Viewer);
        using var otherSession = new BrowserlessSession(app);
        await otherSession.SignInAsync(other.Email, other.Password);
    }

    [Fact]
    public async Task After_the_attempts_allowed_from_one_address_the_next_answer_is_429_whatever_the_account()
    {
        await using var app = await AppAsync(perIp: 4, perAccount: 1000);
        using var session = new BrowserlessSession(app);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await session.SubmitSignInAsync($"nobody-{attempt}@example.com", "wrong-password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using var refused = await session.SubmitSignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many sign-in attempts.", await refused.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_failed_sign_in_is_logged_with_account_address_and_reason_but_never_the_password()
    {
        var logs = new CapturedLogs();
        await using var app = await AppAsync(host: host => host.ConfigureLogging(logging => logging.AddProvider(logs)));
        var (email, _) = await BrowserlessSession.CreateUserAsync(app, Roles.Viewer);
        using var session = new BrowserlessSession(app);

        (await session.SubmitSignInAsync(email, "Secret-Guess-1")).Dispose();
        (await session.SubmitSignInAsync("nobody@example.com", "Secret-Guess-2")).Dispose();

        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Contains(warnings, m => m.Contains(email) && m.Contains("wrong password"));
        Assert.Contains(warnings, m => m.Contains("nobody@example.com") && m.Contains("unknown account"));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("Secret-Guess", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_account_costs_a_password_hash_check_like_a_known_one()
    {
        var hasher = new CountingPasswordHasher();
        await using var app = await AppAsync(host: host =>
            host.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<ApplicationUser>>(hasher)));
        var (email, _) = await BrowserlessSession.CreateUserAsync(app, Roles.Viewer);
        using var session = new BrowserlessSession(app);

        hasher.Verifications = 0;
        (await session.SubmitSignInAsync(email, "wrong-password-1")).Dispose();
        var forKnown = hasher.Verifications;
        hasher.Verifications = 0;
        (await session.SubmitSignInAsync("nobody@example.com", "wrong-password-1")).Dispose();

        Assert.Equal(1, forKnown);
        Assert.Equal(forKnown, hasher.Verifications);
    }

    [Fact]
    public async Task A_locked_account_is_told_to_ask_an_admin_and_an_admins_unlock_lets_the_right_password_in()
    {
        await using var app = await AppAsync();
        var (email, password) = await BrowserlessSession.CreateUserAsync(app, Roles.Admin);
        using var session = new BrowserlessSession(app);
        for (var attempt = 1; attempt <= 4; attempt++)
            (await session.SubmitSignInAsync(email, $"wrong-password-{attempt}")).Dispose();

        using var locked = await session.SubmitSignInAsync(email, "wrong-password-5");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.EndsWith("/Account/Lockout", locked.Headers.Location!.OriginalString);
        using var lockoutPage = await session.GetAsync("/Account/Lockout");
        Assert.Contains("ask an Admin to unlock it", await lockoutPage.Content.ReadAsStringAsync(Ct));
        using var stillLocked = await session.SubmitSignInAsync(email, password);
        Assert.EndsWith("/Account/Lockout", stillLocked.Headers.Location!.OriginalString);

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ContactsAdmin.Features.Users.UserAccounts>().UnlockAsync(email);

        await session.SignInAsync(email, password);
        Assert.True(await session.IsSignedInForAsync("/contacts"));
    }

    private static Task<AppFactory> AppAsync(int perIp = 1000, int perAccount = 1000, Action<IWebHostBuilder>? host = null) => AppFactory.CreateAsync(new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Accounts:SignInRateLimit:PerIp"] = perIp.ToString(CultureInfo.InvariantCulture),
            ["Accounts:SignInRateLimit:PerAccount"] = perAccount.ToString(CultureInfo.InvariantCulture),
        },
        ConfigureHost = host,
    });

    private sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> inner = new();
        public int Verifications;

        public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>Every log entry the app writes, for tests that check what is (and is not) logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
