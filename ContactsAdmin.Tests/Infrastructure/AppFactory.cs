using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>How a test starts the app (see <see cref="AppFactory"/>).</summary>
public sealed record AppFactoryOptions
{
    /// <summary>"Testing" (the default) with the tests' defaults; "Production" as an operator runs it (see <see cref="AppFactory"/>).</summary>
    public string Environment { get; init; } = "Testing";

    public bool SeedDemo { get; init; }

    public int DemoContacts { get; init; } = 60;

    /// <summary>Extra configuration, e.g. a lower "Contacts:GridCountCap"; it wins over the tests' defaults.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Kestrel on a free port of 127.0.0.1 instead of the in-memory test server, for a real browser.</summary>
    public bool RealPort { get; init; }

    /// <summary>A test's seams, last: services it replaces (a clock), a start-up filter (a proxy's address).</summary>
    public Action<IWebHostBuilder>? ConfigureHost { get; init; }
}

/// <summary>
/// The whole app, the one way tests start it: on a store (a <see cref="TestDatabase"/> on this run's engine, its own from
/// <see cref="CreateAsync"/>, or any connection string), with a known Admin. In "Testing" no demo data unless asked and
/// sign-in limits out of the way (every test signs in from one address); in "Production" nothing is set but the
/// store, the Admin's password and <see cref="AppFactoryOptions.Settings"/>.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Admin-Pass-123!";

    private readonly string connectionString;
    private readonly AppFactoryOptions options;
    private readonly TestDatabase? database;
    private readonly TestDatabase? owned;

    public AppFactory(string connectionString, AppFactoryOptions? options = null)
    {
        this.connectionString = connectionString;
        this.options = options ?? new AppFactoryOptions();
        if (this.options.RealPort) UseKestrel(0);
    }

    public AppFactory(TestDatabase database, AppFactoryOptions? options = null) : this(database.ConnectionString, options) => this.database = database;

    private AppFactory(TestDatabase database, AppFactoryOptions? options, bool owns) : this(database, options) => owned = owns ? database : null;

    /// <summary>The app on a fresh migrated store of its own, deleted when the app is disposed. Not started yet.</summary>
    public static async Task<AppFactory> CreateAsync(AppFactoryOptions? options = null) =>
        new(await TestDatabase.CreateAsync(), options, owns: true);

    /// <summary>The store the app runs on, when it is a <see cref="TestDatabase"/>.</summary>
    public TestDatabase Database => database ?? throw new InvalidOperationException("This app runs on a connection string, not a TestDatabase.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Contacts", connectionString);
        foreach (var (key, value) in database?.DatabaseSettings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        if (options.Environment == "Testing")
        {
            builder.UseSetting("Seed:AdminEmail", AdminEmail);
            builder.UseSetting("Seed:Demo", options.SeedDemo ? "true" : "false");
            builder.UseSetting("Seed:DemoContacts", options.DemoContacts.ToString(CultureInfo.InvariantCulture));
            // Every test signs in from one address, many times a minute; the sign-in limit tests set their own.
            builder.UseSetting("Accounts:SignInRateLimit:PerIp", "100000");
            builder.UseSetting("Accounts:SignInRateLimit:PerAccount", "100000");
        }
        foreach (var (key, value) in options.Settings)
            builder.UseSetting(key, value);
        builder.UseEnvironment(options.Environment);
        options.ConfigureHost?.Invoke(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (owned is not null) await owned.DisposeAsync();
    }
}
