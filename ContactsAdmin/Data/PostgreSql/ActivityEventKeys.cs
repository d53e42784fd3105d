using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// The table that finds an activity by its event's keyValue on PostgreSQL (docs/scale-out.md, item 2): keyed by the key,
/// so Citus can distribute it by the key's hash, where a unique index on Activities (distributed by contact) would have to
/// hold the contact id and then would guard nothing. It is the guard against a second activity with one key
/// (<see cref="PostgreSqlEventKeyStore"/>), so Activities keeps no index on EventKey here: nothing reads it by key. No
/// foreign key to Activities, for the same reason as the identifier look-ups (<see cref="IdentifierLookupTables"/>).
/// </summary>
internal static class ActivityEventKeys
{
    public const string Table = "ActivityEventKeys";

    public static void Declare(ModelBuilder builder)
    {
        var activity = builder.Entity<Activity>();
        var byKey = activity.Metadata.GetIndexes().Single(i => i.Properties.Select(p => p.Name).SequenceEqual([nameof(Activity.EventKey)]));
        activity.Metadata.RemoveIndex(byKey);

        var row = builder.Entity<ActivityEventKey>();
        row.ToTable(Table);
        row.HasKey(k => k.EventKey).HasName($"PK_{Table}_{nameof(ActivityEventKey.EventKey)}");
        row.Property(k => k.EventKey).HasMaxLength(activity.Metadata.FindProperty(nameof(Activity.EventKey))!.GetMaxLength()
            ?? throw new InvalidOperationException("EventKey has no length to copy."));
        row.Property(k => k.ActivityId).ValueGeneratedNever();
    }
}
