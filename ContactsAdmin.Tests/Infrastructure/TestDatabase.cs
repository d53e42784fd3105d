using ContactsAdmin.Data;
using ContactsAdmin.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// A real SQLite database in a temporary file, created by the committed migrations, deleted on dispose.
/// Store tests get one from <see cref="StoreTest"/>; the app gets one from <see cref="AppFactory"/>.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("contacts-test-").FullName;

    /// <summary>Where the file will be: <c>new TestDatabase()</c> creates nothing, for tests of what creates it.</summary>
    public string Path => System.IO.Path.Combine(folder, "contacts.db");
    public string ConnectionString => $"Data Source={Path}";

    /// <summary>A migrated database and a DbContext factory on it, the way the app registers it.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await database.Services.MigrateContactStoreAsync();
        return database;
    }

    private ServiceProvider? services;

    /// <summary>The app's services on this database (<see cref="AppServices"/>), for the tests' own reads and rows.</summary>
    public ServiceProvider Services => services ??= AppServices();

    public IDbContextFactory<AppDbContext> Factory => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public AppDbContext NewContext() => Factory.CreateDbContext();

    /// <summary>
    /// The app's services on this database, registered by the app's own Setup methods as its subcommands register
    /// them (settings, data, identity, features, policies). <paramref name="settings"/> go on top of the connection
    /// string (and may replace it); <paramref name="configure"/> runs last, for a test's seams (a fake clock, an
    /// interceptor). The caller disposes them.
    /// </summary>
    public ServiceProvider AppServices(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Contacts"] = ConnectionString })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging();
        collection.AddContactsSettings();
        collection.AddContactsData(configuration);
        collection.AddContactsDataProtection(configuration);
        collection.AddContactsIdentityCore();
        collection.AddContactsFeatures();
        collection.AddContactsPolicies();
        configure?.Invoke(collection);
        return collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null) await services.DisposeAsync();
        // Pooled connections keep the file open; release them before deleting.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
