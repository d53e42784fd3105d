using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Setup;

namespace ContactsAdmin.Features.CommandLine;

/// <summary>
/// The subcommands of the app's executable. They use the same configuration and services as the web
/// app, without starting a web server.
/// </summary>
public static class ContactsCommandLine
{
    /// <summary>Exit code of a command line that names no known subcommand or option (the shell's "misuse" code).</summary>
    public const int UsageError = 2;

    private static readonly string[] HelpAndVersion = ["--help", "-h", "-?", "/?", "/h", "--version"];

    /// <summary>
    /// Subcommands that write for minutes (an import of a million rows): the store's upkeep runs beside them as it does
    /// beside the web app (<see cref="StoreUpkeep"/>; on SQLite the write-ahead log is copied back by a task of its own
    /// instead of inside every commit, measured in <see cref="WalCheckpointer"/>). Other subcommands
    /// are short, and some (restore) must have the store file to themselves.
    /// </summary>
    private static readonly string[] WritesForMinutes = ["import"];

    /// <summary>
    /// Whether the arguments are for the command line rather than the web app. The web host takes options
    /// (<c>--urls ...</c>) and settings (<c>Key=Value</c>), so anything else, a word first, is a subcommand (or a
    /// mistyped one, which the parser then reports).
    /// </summary>
    public static bool IsCommandLine(string[] args) =>
        args.Length > 0 && (HelpAndVersion.Contains(args[0]) || (!args[0].StartsWith('-') && !args[0].Contains('=')));

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, IConfiguration? configuration = null)
    {
        output ??= Console.Out;
        configuration ??= new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddAppSettingsBesideBinaries()
            .AddEnvironmentVariables()
            .Build();

        await using var services = BuildServices(configuration, runsUpkeep: args.Length > 0 && WritesForMinutes.Contains(args[0]));
        var root = new RootCommand("ContactsAdmin: run without a subcommand to start the web app.")
        {
            SeedCommand(services, output),
            UsersCommand(services, output),
            ApiKeyCommand(services, output),
            EmailStatusCommand(services, output),
            ExportCommands.Command(services, output),
        };
        foreach (var command in StoreCommands.Commands(services, output)) root.Add(command);
        root.Add(ImportCommands.Command(services, output));
        var parsed = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = output, Error = output };
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) output.WriteLine(error.Message);
            output.WriteLine("Run 'ContactsAdmin --help' for the subcommands and their options.");
            return UsageError;
        }
        // Help and the version need neither working settings nor a store.
        if (AsksForHelpOrVersion(root, parsed)) return await parsed.InvokeAsync(invocation);

        // The app's settings, checked as start-up checks them: a value that cannot work is named and nothing runs.
        if (services.SettingsProblems() is { Count: > 0 } problems)
        {
            foreach (var problem in problems) output.WriteLine(problem);
            return 1;
        }
        if (StoreCommands.RefuseOnMissingStore(args, services, output) is { } refused) return refused;
        var upkeep = services.GetServices<StoreUpkeep>().ToList();
        foreach (var task in upkeep) await task.StartAsync(CancellationToken.None);
        try
        {
            return await parsed.InvokeAsync(invocation);
        }
        finally
        {
            foreach (var task in upkeep) await task.StopAsync(CancellationToken.None);
        }
    }

    private static bool AsksForHelpOrVersion(RootCommand root, ParseResult parsed) =>
        parsed.CommandResult.Command.Options.Concat(root.Options)
            .Where(option => option is HelpOption or VersionOption)
            .Any(option => parsed.GetResult(option) is not null);

    private static ServiceProvider BuildServices(IConfiguration configuration, bool runsUpkeep)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddContactsSettings();
        services.AddContactsData(configuration, runsUpkeep: runsUpkeep);
        services.AddContactsDataProtection(configuration);
        services.AddContactsIdentityCore();
        services.AddContactsFeatures();
        return services.BuildServiceProvider();
    }

    private static Command SeedCommand(IServiceProvider services, TextWriter output)
    {
        var contacts = new Option<int>("--contacts") { Description = "How many contacts to create.", DefaultValueFactory = _ => DemoDataOptions.Default.Contacts };
        var activities = new Option<int?>("--activities-per-contact") { Description = "Average activities per contact (default: 20 to 200 each)." };
        var fresh = new Option<bool>("--fresh") { Description = "Delete every contact first (users and settings stay)." };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same data.", DefaultValueFactory = _ => DemoDataOptions.Default.Seed };
        var command = new Command("seed", "Fill the database with realistic demo contacts.") { contacts, activities, fresh, seed };
        command.SetAction(async (parse, ct) =>
        {
            await services.MigrateContactStoreAsync(ct);
            // From configuration first, so the email status thresholds are the app's.
            var options = services.GetRequiredService<SeedOptions>().DemoData(services.GetRequiredService<EmailStatusRuleOptions>()) with
            {
                Contacts = parse.GetValue(contacts),
                ActivitiesPerContact = parse.GetValue(activities),
                Seed = parse.GetValue(seed),
            };
            var seeder = services.GetRequiredService<DemoDataSeeder>();
            var progress = new ConsoleProgress(output, services.GetRequiredService<TimeProvider>());
            var summary = parse.GetValue(fresh)
                ? await seeder.SeedAsync(options, fresh: true, progress, ct)
                : await seeder.SeedIfEmptyAsync(options, progress, ct);
            if (summary is null)
            {
                output.WriteLine("The database already has contacts; nothing was added. Use --fresh to replace them.");
                return 1;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Seeded {summary.Contacts:N0} contacts and {summary.Activities:N0} activities ({summary.Rows:N0} rows) in {ConsoleProgress.Duration(summary.Elapsed)}: {summary.RowsPerSecond:N0} rows/s."));
            return 0;
        });
        return command;
    }

    private static Command UsersCommand(IServiceProvider services, TextWriter output)
    {
        var email = new Argument<string>("email") { Description = "The new user's email (their sign-in name)." };
        var role = new Option<string>("--role") { Description = "Admin, Marketer or Viewer.", Required = true };
        var password = new Option<string?>("--password") { Description = "Initial password; generated and printed when left out." };
        var add = new Command("add", "Create a user who can sign in.") { email, role, password };
        add.SetAction(async (parse, ct) =>
        {
            await services.MigrateContactStoreAsync(ct);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AdminAccountSeeder>().EnsureRolesAsync();
            try
            {
                var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
                    .CreateAsync(parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(password));
                output.WriteLine($"Created {user.Email} as {user.Role}.");
                if (user.GeneratedPassword is not null)
                    output.WriteLine($"Password: {user.GeneratedPassword}");
                return 0;
            }
            catch (ArgumentException e)
            {
                output.WriteLine($"Could not create the user: {e.Message}");
                return 1;
            }
        });
        var users = new Command("users", "Manage the people who sign in.") { add };
        foreach (var command in UsersCommands.All(services, output)) users.Subcommands.Add(command);
        return users;
    }

    private static Command ApiKeyCommand(IServiceProvider services, TextWriter output)
    {
        var name = new Argument<string>("name") { Description = "What the key is for, e.g. 'shop back end'." };
        var create = new Command("create", "Create an API key and print it (once).") { name };
        create.SetAction(async (parse, ct) =>
        {
            await services.MigrateContactStoreAsync(ct);
            var key = await services.GetRequiredService<ApiKeyService>().CreateAsync(parse.GetValue(name)!, createdBy: "command line", ct: ct);
            output.WriteLine($"Created API key '{key.Name}' (id {key.Id}). Store it now: it is not shown again.");
            // Alone on the last line, so scripts can take it with `tail -n 1`.
            output.WriteLine(key.Key);
            return 0;
        });
        return new Command("apikey", "Manage keys for the HTTP API.") { create };
    }

    private static Command EmailStatusCommand(IServiceProvider services, TextWriter output)
    {
        var recompute = new Command("recompute", "Rebuild every contact's email status from the email event logs and report how many changed.");
        recompute.SetAction(async (parse, ct) =>
        {
            await services.MigrateContactStoreAsync(ct);
            var result = await services.GetRequiredService<EmailStatusRecompute>().RunAsync(progress: null, ct);
            output.WriteLine(result.Changed == 0
                ? $"Checked {result.Checked:N0} contacts: every email status already matched its log."
                : $"Checked {result.Checked:N0} contacts: {result.Changed:N0} email status(es) differed from their log and were rebuilt.");
            return 0;
        });
        return new Command("email-status", "Email status maintenance.") { recompute };
    }
}
