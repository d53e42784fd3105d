using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// The store's model on PostgreSQL: the shared model (<see cref="AppDbContext"/>) with what only this engine needs.
/// Its own type gives PostgreSQL a migration history of its own (Data/PostgreSql/Migrations).
/// <para>
/// Its saves keep the identifier look-up tables in step (<see cref="PostgreSqlIdentifierStore"/>): a save that adds,
/// changes or deletes a contact's identifier or a device releases and claims the look-up rows after the rows are
/// written, in the same transaction (begun here when the caller has none); likewise the event keys of the activities it
/// adds (<see cref="PostgreSqlEventKeyStore"/>). A key another contact holds throws a
/// <see cref="DbUpdateException"/> as the unique indexes do; the entries are marked saved by then while the transaction
/// rolls back, so the caller discards the context or clears its tracker, as every writer does after a refused write.
/// </para>
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
        SuppressionsKeyedByHash.Declare(builder);
        AddressLogKeys.Declare(builder);
        ActivityEventKeys.Declare(builder);
        CoordinatorTables.Declare(builder);
        NullsLowestOrdering.DeclareIndexes(builder.Model);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // One scan of the tracked graph serves the look-ups and the save (EF would scan again at the save).
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        if (detecting) ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var moves = IdentifierMoves.Collect(ChangeTracker);
            var keyed = AddedActivitiesWithKeys();
            if (moves.IsEmpty && keyed.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

            var (identifiers, eventKeys) = (PostgreSqlStoreEngine.Instance.Identifiers, PostgreSqlStoreEngine.Instance.EventKeys);
            await using var owned = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            var deletedHeld = moves.DeletedContacts.Count == 0 ? [] : await identifiers.HeldAsync(this, moves.DeletedContacts, cancellationToken);
            // A deleted contact's activities go by the cascade: their keys first, while the activities still name them; and
            // what names the contact without a foreign key here lets go of it, as in ContactIdentifierStore.DeleteContactAsync.
            foreach (var contactId in moves.DeletedContacts)
            {
                await eventKeys.ReleaseContactAsync(this, contactId, cancellationToken);
                await ContactReferences.DropAsync(this, contactId, cancellationToken);
            }
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await identifiers.MoveAsync(this, moves.Released(deletedHeld), moves.Claimed(), cancellationToken);
            await eventKeys.ClaimAsync(this, [.. keyed.Select(a => (a.EventKey!, a.Id))], cancellationToken);
            if (owned is not null) await owned.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>
    /// The one synchronous save (SuppressionKeyStore's) writes no contact; one that would change an identifier is refused
    /// rather than written without its look-up rows.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (!IdentifierMoves.Collect(ChangeTracker).IsEmpty || AddedActivitiesWithKeys().Count > 0)
            throw new InvalidOperationException("A save that changes contacts' identifiers or devices, or adds keyed activities, must be SaveChangesAsync (it writes the look-up rows).");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>The activities this save adds with an event key, whose keys it claims once their ids are known.</summary>
    private List<Activity> AddedActivitiesWithKeys() =>
        [.. ChangeTracker.Entries<Activity>().Where(e => e.State == EntityState.Added && e.Entity.EventKey is not null).Select(e => e.Entity)];

    /// <summary>Writes a time as the UTC it already is, and reads it back marked UTC.</summary>
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
