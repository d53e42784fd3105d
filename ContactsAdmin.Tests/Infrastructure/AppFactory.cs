using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// The whole app on its own temporary SQLite file, with a known Admin and no demo data unless asked.
/// Call <c>UseKestrel(0)</c> before starting it for a real port (browser tests).
/// </summary>
/// <param name="settings">Extra configuration, e.g. a lower "Contacts:GridCountCap".</param>
public class AppFactory(TestDatabase database, bool seedDemo = false, int demoContacts = 60, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Admin-Pass-123!";

    public TestDatabase Database { get; } = database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Contacts", Database.ConnectionString);
        builder.UseSetting("Seed:AdminEmail", AdminEmail);
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        builder.UseSetting("Seed:Demo", seedDemo ? "true" : "false");
        builder.UseSetting("Seed:DemoContacts", demoContacts.ToString(CultureInfo.InvariantCulture));
        // Every test signs in from one address, many times a minute; the sign-in limit tests set their own.
        builder.UseSetting("Accounts:SignInRateLimit:PerIp", "100000");
        builder.UseSetting("Accounts:SignInRateLimit:PerAccount", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.UseEnvironment("Testing");
    }
}
