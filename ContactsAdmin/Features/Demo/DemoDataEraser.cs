using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Empties the store for a fresh demo: every contact and everything hanging off contacts and addresses
/// (activities, email events, blacklist entries, audit entries, field values, subscriptions, devices), plus the
/// demo's own definitions (matched by key). Users, API keys, subscription forms and definitions an admin made
/// stay. Runs inside the caller's transaction.
/// </summary>
internal static class DemoDataEraser
{
    // Children first, so this works whether or not SQLite enforces the foreign keys on this connection. Names
    // quoted, as both engines read them.
    private static readonly string[] DeleteContactData =
    [
        "DELETE FROM \"DuplicatePairs\"", "DELETE FROM \"ContactMergeRecords\"",
        "DELETE FROM \"Activities\"", "DELETE FROM \"EmailEvents\"", "DELETE FROM \"BlacklistEntries\"", "DELETE FROM \"AuditEntries\"",
        "DELETE FROM \"CustomFieldValues\"", "DELETE FROM \"ContactSubscriptions\"", "DELETE FROM \"ContactDevices\"", "DELETE FROM \"Contacts\"",
    ];

    // Ids start again after the highest remaining one (1 on an emptied table), so a fresh seed gives the same
    // ids as a seed into a new database.
    private static readonly string[] IdCounted =
        ["Activities", "EmailEvents", "BlacklistEntries", "AuditEntries", "ContactDevices", "Contacts", "CustomFieldDefinitions", "SubscriptionCategories", "Widgets"];

    public static async Task EraseAsync(AppDbContext db, StoreBulkLoad store, CancellationToken ct)
    {
        foreach (var statement in DeleteContactData)
            await db.Database.ExecuteSqlRawAsync(statement, ct);
        await StoreEngine.Of(db).Identifiers.ForgetAllAsync(db, ct);
        await StoreEngine.Of(db).EventKeys.ForgetAllAsync(db, ct);

        var fieldKeys = DemoCatalog.CustomFields.Select(f => f.Key).ToList();
        var categoryKeys = DemoCatalog.Categories.Select(c => c.Key).ToList();
        var widgetKeys = DemoCatalog.Widgets.Select(w => w.Key).ToList();
        await db.CustomFieldDefinitions.Where(f => fieldKeys.Contains(f.Key)).ExecuteDeleteAsync(ct);
        await db.SubscriptionCategories.Where(c => categoryKeys.Contains(c.Key)).ExecuteDeleteAsync(ct);
        await db.Widgets.Where(w => widgetKeys.Contains(w.Key)).ExecuteDeleteAsync(ct);
        await store.ResetIdCountersAsync(IdCounted, ct);
    }
}
