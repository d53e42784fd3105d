using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// The store's model on PostgreSQL: the shared model (<see cref="AppDbContext"/>) with what only this engine needs.
/// Its own type gives PostgreSQL a migration history of its own (Data/PostgreSql/Migrations).
/// </summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Every time the app keeps is UTC (design: time is injected, stored UTC), but a DateTime read back from SQLite,
        // parsed from a file or built from a date says Unspecified; Npgsql refuses those for timestamptz columns.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        ContactDistributionKeys.Declare(builder);
        SortIndexesWithId.Declare(builder);
        StatusListById.Declare(builder);
        IdentifierLookupTables.Declare(builder);
        NullsLowestOrdering.DeclareIndexes(builder.Model);
    }

    /// <summary>Writes a time as the UTC it already is, and reads it back marked UTC.</summary>
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
