using System.Data.Common;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Profile.Email;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Setup;

public static class DatabaseSetup
{
    /// <summary>
    /// Creates the store when it is missing and applies the committed migrations, as its engine does
    /// (<see cref="StoreEngine.MigrateAsync"/>). Callers decide first whether a missing store may be created (<see cref="StorePolicy"/>).
    /// </summary>
    public static Task MigrateContactStoreAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<StoreEngine>().MigrateAsync(services, ct);

    /// <summary>
    /// Start-up work before the app listens: the settings' check, schema, roles, the first Admin and, on an empty store,
    /// the demo data. Tells the operator where to sign in once the server is up. Returns false, having printed
    /// one line saying why, when the store is missing (and may not be created here) or cannot be written.
    /// </summary>
    public static async Task<bool> InitializeContactStoreAsync(this WebApplication app)
    {
        // Before anything reads a setting: a value that cannot work stops start-up here, one line per key.
        if (app.Services.SettingsProblems() is { Count: > 0 } problems)
        {
            foreach (var line in problems) await Console.Error.WriteLineAsync(line);
            return false;
        }
        var policy = StorePolicy.From(app.Services, app.Environment.EnvironmentName);
        var file = app.Services.GetRequiredService<StoreFile>();
        if (file.Problem(policy.MayCreate) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return false;
        }
        try
        {
            await app.Services.MigrateContactStoreAsync();
        }
        catch (DbException e)
        {
            await Console.Error.WriteLineAsync($"The database {file.Path ?? "server"} cannot be prepared: {e.Message}");
            return false;
        }
        app.Services.GetRequiredService<StoreHealth>().RememberOpenedFile();

        AdminAccountResult admin;
        await using (var scope = app.Services.CreateAsyncScope())
            admin = await scope.ServiceProvider.GetRequiredService<AdminAccountSeeder>().EnsureAsync();

        if (policy.SeedDemo)
        {
            var seeder = app.Services.GetRequiredService<DemoDataSeeder>();
            var options = app.Services.GetRequiredService<SeedOptions>().DemoData(app.Services.GetRequiredService<EmailStatusRuleOptions>());
            if (await seeder.SeedIfEmptyAsync(options, progress: null) is not null)
                app.Logger.LogInformation("Created demo data: {Contacts} contacts.", options.Contacts);
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintSignInBanner(app, admin));
        return true;
    }

    private static void PrintSignInBanner(WebApplication app, AdminAccountResult admin)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var url = addresses?.FirstOrDefault() ?? "(no address)";
        var lines = new List<string> { "", "ContactsAdmin is running.", $"  Open:     {url}" };
        lines.AddRange(SignInLines(admin));
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }

    /// <summary>How to sign in as the first Admin: the banner's lines, also printed by `init`.</summary>
    public static IEnumerable<string> SignInLines(AdminAccountResult admin)
    {
        yield return $"  Sign in:  {admin.Email}";
        if (admin.GeneratedPassword is not null)
            yield return $"  Password: {admin.GeneratedPassword}   (generated now and shown only this once)";
        else if (admin.Created)
            yield return "  Password: the one set in Seed:AdminPassword";
    }
}
