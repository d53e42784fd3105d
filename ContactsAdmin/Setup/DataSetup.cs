using ContactsAdmin.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactsAdmin.Setup;

public static class DataSetup
{
    public const string DefaultConnectionString = "Data Source=data/contacts.db";

    /// <summary>
    /// Registers the contact store: a DbContext factory (a context per operation, safe in long-lived
    /// Blazor circuits) on the SQLite file named by ConnectionStrings:Contacts.
    /// The factory hands out pooled contexts: a new context builds a new SqliteConnection and registers EF's
    /// SQL functions on it, about 0.2 ms, as much as a whole grid page's query at a million contacts.
    /// Identity's stores take a scoped context, leased from the same pool. With
    /// <paramref name="checkpointInBackground"/> (the web app), a background task copies the write-ahead log into
    /// the database file instead of the commits (<see cref="WalCheckpointer"/>); commands that run and exit keep
    /// SQLite's automatic checkpoints.
    /// </summary>
    public static IServiceCollection AddContactsData(this IServiceCollection services, IConfiguration configuration, bool checkpointInBackground = false)
    {
        var connectionString = ResolveConnectionString(configuration.GetConnectionString("Contacts"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new StoreFile(connectionString));
        services.AddSingleton<StoreHealth>();
        services.AddPooledDbContextFactory<AppDbContext>((provider, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqliteConnectionPragmas(checkpointInBackground), new StoreVanishedGuard(provider.GetRequiredService<StoreHealth>())));
        if (checkpointInBackground) services.AddHostedService<WalCheckpointer>();
        services.TryAddScoped(provider => provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>
    /// Makes a relative database path absolute (against the working folder) and opens the file without creating it:
    /// only <see cref="StoreFile.CreateIfMissing"/> creates a store, so a connection opened after the file vanished
    /// fails instead of starting an empty one at its path.
    /// </summary>
    public static string ResolveConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        if (StoreFile.IsFile(builder))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
            if (builder.Mode == SqliteOpenMode.ReadWriteCreate) builder.Mode = SqliteOpenMode.ReadWrite;
        }
        return builder.ToString();
    }
}
