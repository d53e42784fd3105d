using ContactsAdmin.Data;
using ContactsAdmin.Features.CommandLine;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.CommandLine;

/// <summary>The `users` subcommands an operator uses until the Users page exists: disable, enable, role, unlock, reset-password, list.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class UsersCommandsTests : StoreTest
{
    private const string Password = "Initial-Pass-123!";

    [Fact]
    public async Task Users_disable_stops_sign_in_and_renews_the_stamp_and_enable_lets_them_back()
    {
        await AddAsync(Database, "jane@example.com", Roles.Marketer);
        var stampBefore = await UserAsync(Database, "jane@example.com", (users, user) => users.GetSecurityStampAsync(user));

        var (exitCode, output) = await RunAsync(Database, "users", "disable", "jane@example.com");

        Assert.Equal(0, exitCode);
        Assert.Contains("Disabled jane@example.com", output);
        Assert.False(await CanSignInAsync(Database, "jane@example.com", Password));
        Assert.NotEqual(stampBefore, await UserAsync(Database, "jane@example.com", (users, user) => users.GetSecurityStampAsync(user)));
        Assert.Contains("jane@example.com\tMarketer\tdisabled", (await RunAsync(Database, "users", "list")).Output);

        Assert.Equal(0, (await RunAsync(Database, "users", "enable", "jane@example.com")).ExitCode);
        Assert.True(await CanSignInAsync(Database, "jane@example.com", Password));
    }

    [Fact]
    public async Task Users_role_gives_exactly_the_new_role_and_renews_the_stamp()
    {
        await AddAsync(Database, "jane@example.com", Roles.Marketer);
        var stampBefore = await UserAsync(Database, "jane@example.com", (users, user) => users.GetSecurityStampAsync(user));

        var (exitCode, output) = await RunAsync(Database, "users", "role", "jane@example.com", "viewer");

        Assert.Equal(0, exitCode);
        Assert.Contains("jane@example.com is now viewer.", output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([Roles.Viewer], await UserAsync(Database, "jane@example.com", async (users, user) => (await users.GetRolesAsync(user)).ToList()));
        Assert.NotEqual(stampBefore, await UserAsync(Database, "jane@example.com", (users, user) => users.GetSecurityStampAsync(user)));
    }

    [Fact]
    public async Task The_only_admin_cannot_be_disabled_or_lowered()
    {
        await AddAsync(Database, "boss@example.com", Roles.Admin);

        var disable = await RunAsync(Database, "users", "disable", "boss@example.com");
        var lower = await RunAsync(Database, "users", "role", "boss@example.com", "Viewer");

        Assert.Equal(1, disable.ExitCode);
        Assert.Contains("only enabled Admin", disable.Output);
        Assert.Equal(1, lower.ExitCode);
        Assert.True(await CanSignInAsync(Database, "boss@example.com", Password));
        Assert.True(await UserAsync(Database, "boss@example.com", (users, user) => users.IsInRoleAsync(user, Roles.Admin)));
    }

    [Fact]
    public async Task Users_unlock_ends_a_lockout_after_wrong_passwords()
    {
        await AddAsync(Database, "boss@example.com", Roles.Admin);
        await UserAsync(Database, "boss@example.com", async (users, user) =>
        {
            for (var attempt = 0; attempt < 5; attempt++) await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user) ? 0 : throw new InvalidOperationException("Not locked");
        });

        var (exitCode, output) = await RunAsync(Database, "users", "unlock", "boss@example.com");

        Assert.Equal(0, exitCode);
        Assert.Contains("Unlocked boss@example.com.", output);
        Assert.True(await CanSignInAsync(Database, "boss@example.com", Password));
    }

    [Fact]
    public async Task Users_reset_password_prints_a_generated_password_that_works_and_the_old_one_stops()
    {
        await AddAsync(Database, "jane@example.com", Roles.Viewer);

        var (exitCode, output) = await RunAsync(Database, "users", "reset-password", "jane@example.com");

        Assert.Equal(0, exitCode);
        var line = Assert.Single(output.Split('\n').Select(l => l.Trim()), l => l.StartsWith("Password: ", StringComparison.Ordinal));
        Assert.True(await CanSignInAsync(Database, "jane@example.com", line["Password: ".Length..]));
        Assert.False(await CanSignInAsync(Database, "jane@example.com", Password));
    }

    [Fact]
    public async Task Users_reset_password_with_a_refused_password_keeps_the_old_one()
    {
        await AddAsync(Database, "jane@example.com", Roles.Viewer);

        var (exitCode, output) = await RunAsync(Database, "users", "reset-password", "jane@example.com", "--password", "short");

        Assert.Equal(1, exitCode);
        Assert.Contains("at least 10 characters", output);
        Assert.True(await CanSignInAsync(Database, "jane@example.com", Password));
    }

    [Fact]
    public async Task A_users_command_for_someone_unknown_says_so_and_fails()
    {

        var (exitCode, output) = await RunAsync(Database, "users", "disable", "nobody@example.com");

        Assert.Equal(1, exitCode);
        Assert.Contains("There is no user nobody@example.com.", output);
    }

    private static async Task AddAsync(TestDatabase database, string email, string role) =>
        Assert.Equal(0, (await RunAsync(database, "users", "add", email, "--role", role, "--password", Password)).ExitCode);

    private static async Task<(int ExitCode, string Output)> RunAsync(TestDatabase database, params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await ContactsCommandLine.RunAsync(args, output, Configuration(database));
        return (exitCode, output.ToString());
    }

    /// <summary>Whether the password is right and the account may sign in (not locked, not disabled).</summary>
    private static Task<bool> CanSignInAsync(TestDatabase database, string email, string password) =>
        UserAsync(database, email, async (users, user) => !await users.IsLockedOutAsync(user) && await users.CheckPasswordAsync(user, password));

    private static async Task<T> UserAsync<T>(TestDatabase database, string email, Func<UserManager<ApplicationUser>, ApplicationUser, Task<T>> read)
    {
        await using var provider = database.AppServices();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await read(users, (await users.FindByEmailAsync(email))!);
    }

    private static IConfiguration Configuration(TestDatabase database) => new ConfigurationBuilder()
        .AddInMemoryCollection(database.StoreSettings)
        .Build();
}
