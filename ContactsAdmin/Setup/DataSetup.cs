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
    /// </summary>
    public static IServiceCollection AddContactsData(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = ResolveConnectionString(configuration.GetConnectionString("Contacts"));
        services.AddSingleton(TimeProvider.System);
        // Pooled: services open a context per operation (the API a few per request), and a new context builds its
        // internal services each time; a pooled one is reset and handed out again.
        services.AddPooledDbContextFactory<AppDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqliteConnectionPragmas()));
        // Identity's stores take the context from the request's scope.
        services.TryAddScoped(provider => provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>Makes a relative database path absolute (against the working folder) and creates its folder.</summary>
    public static string ResolveConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        var isFile = !string.IsNullOrEmpty(builder.DataSource)
            && builder.DataSource != ":memory:"
            && builder.Mode != SqliteOpenMode.Memory;
        if (isFile)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }
}
