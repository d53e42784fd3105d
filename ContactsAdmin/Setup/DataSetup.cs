using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactsAdmin.Setup;

public static class DataSetup
{
    /// <summary>
    /// Registers the contact store on the engine named by Database:Provider (<see cref="StoreEngine"/>) and the
    /// connection string ConnectionStrings:Contacts: a DbContext factory (a context per operation, safe in long-lived
    /// Blazor circuits) handing out pooled contexts. Identity's stores take a scoped context, leased from the same pool.
    /// <paramref name="runsUpkeep"/>: the host runs the engine's background upkeep (<see cref="StoreUpkeep"/>): the web
    /// app as a hosted service, the command line around a command that writes for minutes.
    /// </summary>
    public static IServiceCollection AddContactsData(this IServiceCollection services, IConfiguration configuration, bool runsUpkeep = false)
    {
        var engine = StoreEngine.For(DatabaseOptions.ProviderIn(configuration));
        var connectionString = engine.ResolveConnectionString(configuration.GetConnectionString("Contacts"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(engine);
        services.AddSingleton<StoreHealth>();
        engine.AddContexts(services, connectionString, runsUpkeep);
        services.TryAddScoped(provider => provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return services;
    }
}
