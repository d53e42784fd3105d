using ContactsAdmin.Data;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Features.Users;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Setup;

public static class DatabaseSetup
{
    /// <summary>Applies the committed migrations and switches the file to WAL (persistent, so once is enough).</summary>
    public static async Task MigrateContactStoreAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
    }

    /// <summary>
    /// Start-up work before the app listens: schema, roles, the first Admin and, on an empty store,
    /// the demo data. Tells the operator where to sign in once the server is up.
    /// </summary>
    public static async Task InitializeContactStoreAsync(this WebApplication app)
    {
        await app.Services.MigrateContactStoreAsync();

        AdminAccountResult admin;
        await using (var scope = app.Services.CreateAsyncScope())
            admin = await scope.ServiceProvider.GetRequiredService<AdminAccountSeeder>().EnsureAsync();

        if (app.Configuration.GetValue("Seed:Demo", true))
        {
            var seeder = app.Services.GetRequiredService<DemoDataSeeder>();
            var options = DemoDataOptions.FromConfiguration(app.Configuration);
            if (await seeder.SeedIfEmptyAsync(options, progress: null) is not null)
                app.Logger.LogInformation("Created demo data: {Contacts} contacts.", options.Contacts);
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintSignInBanner(app, admin));
    }

    private static void PrintSignInBanner(WebApplication app, AdminAccountResult admin)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var url = addresses?.FirstOrDefault() ?? "(no address)";
        var lines = new List<string> { "", "ContactsAdmin is running.", $"  Open:     {url}", $"  Sign in:  {admin.Email}" };
        if (admin.GeneratedPassword is not null)
            lines.Add($"  Password: {admin.GeneratedPassword}   (generated now and shown only this once)");
        else if (admin.Created)
            lines.Add("  Password: the one set in Seed:AdminPassword");
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
