using System.CommandLine;
using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Setup;

namespace ContactsAdmin.Features.CommandLine;

/// <summary>
/// The subcommands about the store itself: create it (init), copy it while the app runs (backup), put a copy in its
/// place while the app is stopped (restore); and the rule that no other subcommand creates a missing store.
/// </summary>
public static class StoreCommands
{
    /// <summary>Subcommands that make a store where there is none; every other one needs the store to exist.</summary>
    private static readonly string[] MayCreate = ["init", "restore"];

    /// <summary>
    /// Refuses a subcommand on a missing store, as start-up does (printing the same line), unless it creates stores
    /// or the policy lets a missing store be created. Returns the exit code, or null to go on.
    /// </summary>
    public static int? RefuseOnMissingStore(string[] args, IServiceProvider services, TextWriter output)
    {
        var file = services.GetRequiredService<StoreFile>();
        if (file.Exists || args.Length == 0 || MayCreate.Contains(args[0]) || args.Contains("--help") || args.Contains("-h")
            || StorePolicy.ForCommandLine(services).MayCreate)
            return null;
        output.WriteLine(file.MissingMessage);
        return 1;
    }

    public static IEnumerable<Command> Commands(IServiceProvider services, TextWriter output) =>
        [InitCommand(services, output), BackupCommand(services, output), RestoreCommand(services, output)];

    private static Command InitCommand(IServiceProvider services, TextWriter output)
    {
        var command = new Command("init", "Create the database (schema, roles and the first Admin from Seed:AdminEmail / Seed:AdminPassword).");
        command.SetAction(async (parse, ct) =>
        {
            var file = services.GetRequiredService<StoreFile>();
            if (file.Exists)
            {
                output.WriteLine($"The database {file.Path} already exists; nothing was created.");
                return 1;
            }
            if (file.Problem(mayCreate: true) is { } problem)
            {
                output.WriteLine(problem);
                return 1;
            }
            await services.MigrateContactStoreAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var admin = await scope.ServiceProvider.GetRequiredService<AdminAccountSeeder>().EnsureAsync();
            output.WriteLine($"Created the database {file.Path}.");
            foreach (var line in DatabaseSetup.SignInLines(admin)) output.WriteLine(line);
            return 0;
        });
        return command;
    }

    private static Command BackupCommand(IServiceProvider services, TextWriter output)
    {
        var target = new Argument<string>("file") { Description = "Where to write the copy." };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var command = new Command("backup", "Copy the database while the app runs (SQLite's online backup, the write-ahead log included), then check the copy.")
            { target, force };
        command.SetAction(parse => Report(output, () =>
        {
            var copy = StoreBackup.Create(services.GetRequiredService<StoreFile>(), parse.GetValue(target)!, parse.GetValue(force));
            return $"Backed up to {copy.Path}: {Describe(copy)}.";
        }));
        return command;
    }

    private static Command RestoreCommand(IServiceProvider services, TextWriter output)
    {
        var source = new Argument<string>("file") { Description = "A backup made with `backup`." };
        var command = new Command("restore", "Put a backup in the database's place. Stop the app first; the replaced file is kept as *.before-restore.")
            { source };
        command.SetAction(parse => Report(output, () =>
        {
            var (copy, replacedKeptAt) = StoreBackup.Restore(services.GetRequiredService<StoreFile>(), parse.GetValue(source)!);
            return $"Restored {copy.Path}: {Describe(copy)}." + (replacedKeptAt is null ? "" : $" The file it replaced is kept as {replacedKeptAt}.");
        }));
        return command;
    }

    private static int Report(TextWriter output, Func<string> run)
    {
        try
        {
            output.WriteLine(run());
            return 0;
        }
        catch (StoreBackupException e)
        {
            output.WriteLine(e.Message);
            return 1;
        }
    }

    private static string Describe(StoreCopy copy) => string.Create(CultureInfo.InvariantCulture,
        $"{copy.Bytes / 1024.0 / 1024.0:0.0} MB, {copy.Contacts:N0} contacts, integrity check {copy.Integrity}");
}
