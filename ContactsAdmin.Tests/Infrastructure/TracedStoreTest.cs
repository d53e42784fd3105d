using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// Base for tests of queries on a store of their own, through the app's data services with every query's plan
/// recorded (<see cref="QueryPlanRecorder"/>). Each test gets a fresh store, filled by <see cref="SeedAsync"/>.
/// </summary>
public abstract class TracedStoreTest : IAsyncLifetime
{
    protected QueryPlanRecorder Recorder { get; } = new();
    protected TestDatabase Database { get; private set; } = null!;
    protected ServiceProvider Services { get; private set; } = null!;
    protected IDbContextFactory<AppDbContext> Factory => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Services = Database.ServicesTracedBy(Recorder);
        await SeedAsync(new StoreBuilder(Database));
    }

    /// <summary>The rows every test of the class starts from.</summary>
    protected virtual Task SeedAsync(StoreBuilder store) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
