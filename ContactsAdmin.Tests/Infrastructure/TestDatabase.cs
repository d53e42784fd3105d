using ContactsAdmin.Data;
using ContactsAdmin.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// A real SQLite database in a temporary file, created by the committed migrations, deleted on dispose.
/// Each test that needs a store makes its own.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("contacts-test-").FullName;

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

    /// <summary>The app's data services (DbContext factory, TimeProvider) on this database.</summary>
    public ServiceProvider Services => services ??= BuildServices();

    public IDbContextFactory<AppDbContext> Factory => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public AppDbContext NewContext() => Factory.CreateDbContext();

    /// <summary>
    /// Data services of their own whose every query also asks SQLite for its plan, for tests that check which
    /// indexes a query reads. The caller disposes them.
    /// </summary>
    public ServiceProvider ServicesTracedBy(QueryPlanRecorder recorder) => BuildServices(recorder);

    private ServiceProvider BuildServices(QueryPlanRecorder? recorder = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Contacts"] = ConnectionString })
            .Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddContactsData(configuration);
        if (recorder is not null) collection.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(recorder));
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
