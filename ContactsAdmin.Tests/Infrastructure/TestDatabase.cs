using ContactsAdmin.Data;
using ContactsAdmin.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// A real database created by the committed migrations, deleted on dispose: a SQLite file in a temporary folder, or,
/// in the PostgreSQL pass (<see cref="TestStore"/>), a database of its own on the test server.
/// Store tests get one from <see cref="StoreTest"/>; the app gets one from <see cref="AppFactory"/>.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("contacts-test-").FullName;
    private string? serverConnectionString;

    /// <summary>Where the SQLite file will be: <c>new TestDatabase()</c> creates nothing, for tests of what creates it.</summary>
    public string Path => System.IO.Path.Combine(folder, "contacts.db");

    public string ConnectionString => serverConnectionString ?? $"Data Source={Path}";

    /// <summary>
    /// The settings besides the connection string that put the app on this database: none for SQLite, the default
    /// (the app keeps its import files beside the database's file); on a database server, its engine's, and an import
    /// folder in this test's temporary folder. The app's own default there, "data/imports" in the working directory,
    /// would be every test's, and every database numbers its import jobs from 1, which name their bad-row reports.
    /// </summary>
    public IReadOnlyDictionary<string, string?> DatabaseSettings => serverConnectionString is null
        ? new Dictionary<string, string?>()
        : new Dictionary<string, string?>(TestStore.EngineSettings) { ["Import:FilesDirectory"] = System.IO.Path.Combine(folder, "imports") };

    /// <summary>The settings that put the app on this database: <see cref="DatabaseSettings"/> and the connection string.</summary>
    public Dictionary<string, string?> StoreSettings => new(DatabaseSettings) { ["ConnectionStrings:Contacts"] = ConnectionString };

    /// <summary>A migrated database and a DbContext factory on it, the way the app registers it.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        if (TestStore.IsPostgreSql)
        {
            database.serverConnectionString = await PostgreSqlTestDatabases.CreateAsync();
            return database;
        }
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
            .AddInMemoryCollection(StoreSettings)
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

    /// <summary>
    /// Runs <paramref name="sql"/> on this database around the app, as an operator at psql or sqlite3 would: a migration's
    /// own statement, or a row broken by hand to see what the app makes of it.
    /// </summary>
    public async Task ExecuteSqlAsync(string sql, CancellationToken ct)
    {
        await using var db = NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Set by a test that writes identifiers around the app on purpose (raw SQL on Contacts): its database is not checked
    /// for look-up rows out of step when it is dropped.
    /// </summary>
    public bool AllowsIdentifierDrift { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (services is not null) await services.DisposeAsync();
        var drift = serverConnectionString is null || AllowsIdentifierDrift ? [] : await PostgreSqlTestDatabases.IdentifierDriftAsync(serverConnectionString);
        if (serverConnectionString is not null) await PostgreSqlTestDatabases.DropAsync(serverConnectionString);
        // Pooled connections keep the file open; release them before deleting.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* best effort */ }
        // Every PostgreSQL test checks the look-up tables on its way out: a write path that forgets them fails its own tests.
        if (drift.Count > 0)
            throw new InvalidOperationException("The identifier look-up tables are out of step with the contacts (table, key, contact, problem):\n"
                + string.Join("\n", drift));
    }
}
