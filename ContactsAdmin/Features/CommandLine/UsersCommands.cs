using System.CommandLine;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Setup;

namespace ContactsAdmin.Features.CommandLine;

/// <summary>
/// `users` subcommands that change who may do what: disable, enable, role, unlock, reset-password, list.
/// Each runs one <see cref="UserAccounts"/> method; a refusal prints why and exits with 1.
/// </summary>
public static class UsersCommands
{
    public static IEnumerable<Command> All(IServiceProvider services, TextWriter output)
    {
        yield return OnUser(services, output, "disable", "Stop a user signing in and end their open sessions.",
            async (accounts, email) => { await accounts.DisableAsync(email); return $"Disabled {email}; their sessions end within seconds."; });
        yield return OnUser(services, output, "enable", "Let a disabled user sign in again.",
            async (accounts, email) => { await accounts.EnableAsync(email); return $"Enabled {email}."; });
        yield return OnUser(services, output, "unlock", "End a lockout after too many wrong passwords.",
            async (accounts, email) => { await accounts.UnlockAsync(email); return $"Unlocked {email}."; });
        yield return Role(services, output);
        yield return ResetPassword(services, output);
        yield return List(services, output);
    }

    private static Command OnUser(IServiceProvider services, TextWriter output, string name, string description,
        Func<UserAccounts, string, Task<string>> change)
    {
        var email = new Argument<string>("email") { Description = "The user's email (their sign-in name)." };
        var command = new Command(name, description) { email };
        command.SetAction((parse, ct) => RunAsync(services, output, accounts => change(accounts, parse.GetValue(email)!), ct));
        return command;
    }

    private static Command Role(IServiceProvider services, TextWriter output)
    {
        var email = new Argument<string>("email") { Description = "The user's email (their sign-in name)." };
        var role = new Argument<string>("role") { Description = "Admin, Marketer or Viewer." };
        var command = new Command("role", "Give a user a role (their open sessions follow within seconds).") { email, role };
        command.SetAction((parse, ct) => RunAsync(services, output, async accounts =>
        {
            await accounts.ChangeRoleAsync(parse.GetValue(email)!, parse.GetValue(role)!);
            return $"{parse.GetValue(email)} is now {parse.GetValue(role)}.";
        }, ct));
        return command;
    }

    private static Command ResetPassword(IServiceProvider services, TextWriter output)
    {
        var email = new Argument<string>("email") { Description = "The user's email (their sign-in name)." };
        var password = new Option<string?>("--password") { Description = "The new password; generated and printed when left out." };
        var command = new Command("reset-password", "Set a new password and end the user's open sessions.") { email, password };
        command.SetAction((parse, ct) => RunAsync(services, output, async accounts =>
        {
            var generated = await accounts.ResetPasswordAsync(parse.GetValue(email)!, parse.GetValue(password));
            return generated is null
                ? $"Set a new password for {parse.GetValue(email)}."
                : $"Set a new password for {parse.GetValue(email)}.{Environment.NewLine}Password: {generated}";
        }, ct));
        return command;
    }

    private static Command List(IServiceProvider services, TextWriter output)
    {
        var command = new Command("list", "List the users with their role and whether they can sign in.");
        command.SetAction((parse, ct) => RunAsync(services, output, async accounts =>
            string.Join(Environment.NewLine, (await accounts.ListAsync()).Select(u => $"{u.Email}\t{u.Role}\t{u.StateText}")), ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, TextWriter output,
        Func<UserAccounts, Task<string>> work, CancellationToken ct)
    {
        await services.MigrateContactStoreAsync(ct);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminAccountSeeder>().EnsureRolesAsync();
        try
        {
            output.WriteLine(await work(scope.ServiceProvider.GetRequiredService<UserAccounts>()));
            return 0;
        }
        catch (ArgumentException e)
        {
            output.WriteLine(e.Message);
            return 1;
        }
    }
}
