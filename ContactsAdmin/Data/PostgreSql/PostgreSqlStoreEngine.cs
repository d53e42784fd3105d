using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// PostgreSQL: a server the app shares with its other instances. The database's own guarantees (unique indexes, its
/// transactions) keep the instances consistent; there is no file for the app to watch.
/// </summary>
public sealed class PostgreSqlStoreEngine : StoreEngine
{
    public static readonly PostgreSqlStoreEngine Instance = new();

    private PostgreSqlStoreEngine() { }

    public override StoreProvider Provider => StoreProvider.PostgreSQL;

    public override ContactSearchIndex SearchIndex { get; } = new PostgreSqlSearchIndex();

    public override string ResolveConnectionString(string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? throw new InvalidOperationException("Database:Provider is PostgreSQL: set ConnectionStrings:Contacts to the server's connection string (Host=...;Database=...;Username=...).")
            : configured;

    public override StoreFile FileOf(string connectionString) => StoreFile.None;

    public override void AddContexts(IServiceCollection services, string connectionString, bool longRunning)
    {
        services.AddSingleton(FileOf(connectionString));
        services.AddPooledDbContextFactory<PostgreSqlAppDbContext>((provider, options) => options
            .UseNpgsql(connectionString)
            .ReplaceService<IQuerySqlGeneratorFactory, NullsLowestOrdering.GeneratorFactory>());
        services.AddSingleton<IDbContextFactory<AppDbContext>>(provider =>
            new AppContextFactory<PostgreSqlAppDbContext>(provider.GetRequiredService<IDbContextFactory<PostgreSqlAppDbContext>>()));
    }

    /// <summary>Migrates; EF creates the database first when the server has none of that name (the user may create databases).</summary>
    public override async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
    }

    internal override IBulkInsert<T> BulkInsert<T>(AppDbContext db) => new PostgreSqlBulkCopy<T>(db);
}
