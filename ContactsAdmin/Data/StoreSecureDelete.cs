using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data;

/// <summary>
/// Runs a write whose deleted rows must not stay readable in the database file (an erase for a data-protection
/// request): SQLite overwrites the deleted bytes instead of only unlinking them (PRAGMA secure_delete), for this
/// connection and this write only. One place that knows the store's setting.
/// </summary>
public static class StoreSecureDelete
{
    public static async Task<T> RunAsync<T>(AppDbContext db, Func<Task<T>> write, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON", ct);
            return await write();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = OFF", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
