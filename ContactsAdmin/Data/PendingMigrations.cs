using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data;

/// <summary>
/// Start-up's migration step, skipped when the store already has every committed migration. EF's MigrateAsync does
/// more than apply migrations even when none is pending: it builds the model snapshot and the design-time model and
/// diffs them (its check for model changes without a migration, which ContactStoreSchemaTests makes instead), takes
/// the migration lock and creates the history table if missing. That was about 1 s of CPU in every command and
/// every start (docs/benchmarks.md, "Start-up without MigrateAsync"). Reading the history table costs a query.
/// </summary>
internal static class PendingMigrations
{
    /// <summary>
    /// Applies the migrations <paramref name="db"/>'s store lacks, creating the database when it is missing; does
    /// nothing when its history names every migration of the app. A store whose history is ahead of the app (a newer
    /// version migrated it) is left as MigrateAsync would leave it, untouched.
    /// </summary>
    public static async Task ApplyAsync(AppDbContext db, CancellationToken ct)
    {
        // A missing database or history table reads as no migration applied, so everything is pending.
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        if (pending.Any()) await db.Database.MigrateAsync(ct);
    }
}
