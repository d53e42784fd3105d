using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// Base for tests against a store of their own: each test gets a fresh migrated <see cref="Database"/>, a
/// <see cref="Store"/> to write its rows, and the app's <see cref="Services"/> on it.
/// </summary>
public abstract class StoreTest : IAsyncLifetime
{
    private ServiceProvider? services;

    protected TestDatabase Database { get; private set; } = null!;

    protected StoreBuilder Store { get; private set; } = null!;

    /// <summary>
    /// The app's services on the store, registered by its own Setup methods (<see cref="TestDatabase.AppServices"/>),
    /// with <see cref="Settings"/> and <see cref="ConfigureServices"/> on top. Built on first use.
    /// </summary>
    protected ServiceProvider Services => services ??= Database.AppServices(Settings, ConfigureServices);

    /// <summary>The context factory of <see cref="Services"/>: what the services under test are given.</summary>
    protected IDbContextFactory<AppDbContext> Factory => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>A context for a test's own reads and checks, apart from <see cref="Services"/> (so nothing it reads is traced).</summary>
    protected AppDbContext NewContext() => Database.NewContext();

    /// <summary>Configuration on top of the connection string, for <see cref="Services"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>A test's seams in <see cref="Services"/>, registered after the app's (a fake clock, an interceptor).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    public virtual async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Store = new StoreBuilder(Database);
        await SeedAsync(Store);
    }

    /// <summary>The rows every test of the class starts from.</summary>
    protected virtual Task SeedAsync(StoreBuilder store) => Task.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        if (services is not null) await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
