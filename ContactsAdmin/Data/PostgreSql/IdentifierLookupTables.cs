using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// The tables that find a contact by an identifier on PostgreSQL (docs/scale-out.md, "What had to change", items 1 and 3), each
/// keyed by the identifier so that Citus can distribute it by the identifier's hash: ContactEmails, ContactPhones,
/// ContactExternalIds, ContactPushTokens, and ContactDeviceIds (a device id may name several contacts, so its key is the pair). No foreign
/// key to Contacts: Citus keeps none between tables distributed by different columns; the app writes a row with the
/// contact, in its transaction. The keys' names end with their column, as the unique indexes' names on Contacts do,
/// so <see cref="StoreUniqueViolation"/> names the identifier a refused insert was about. They are the guard against two
/// holders of an identifier: the identifiers' indexes on Contacts are not unique here. Only on PostgreSQL: on SQLite
/// the unique indexes on Contacts are the look-up, and a second B-tree per identifier would slow every import.
/// Declared here rather than as entity configurations, which every model applies (AppDbContext.OnModelCreating).
/// </summary>
internal static class IdentifierLookupTables
{
    public static void Declare(ModelBuilder builder)
    {
        Table<ContactExternalId>(builder, ContactIdentifier.ExternalId);
        Table<ContactEmail>(builder, ContactIdentifier.Email);
        Table<ContactPhone>(builder, ContactIdentifier.Phone);
        // A device id may name several contacts: the key is the pair.
        Table<ContactDeviceId>(builder, ContactIdentifier.DeviceId, nameof(ContactDeviceId.ContactId));
        Table<ContactPushToken>(builder, ContactIdentifier.PushToken);

        // The look-up tables' keys refuse a second holder (PostgreSqlIdentifierStore's claims), so Contacts keeps plain
        // indexes on the identifiers, which Citus allows on a table distributed by contact: a unique index there would
        // have to hold the contact id, and then it would guard nothing.
        var contact = builder.Entity<Contact>();
        foreach (var identifier in IdentifierColumn.OnContacts) contact.HasIndex(identifier.Column).IsUnique(false);
        builder.Entity<ContactDevice>().HasIndex(d => d.PushToken).IsUnique(false);
    }

    /// <summary>A look-up table named by <see cref="IdentifierColumn"/>, its key column as long as the column it copies.</summary>
    private static void Table<TRow>(ModelBuilder builder, ContactIdentifier kind, params string[] moreKey) where TRow : class
    {
        var identifier = IdentifierColumn.Of(kind);
        var (_, column, table) = identifier;
        var copied = builder.Model.FindEntityType(identifier.OnDevices ? typeof(ContactDevice) : typeof(Contact))!.FindProperty(column)!;
        var row = builder.Entity<TRow>();
        row.ToTable(table);
        string[] key = [column, .. moreKey];
        row.HasKey(key).HasName($"PK_{table}_{string.Join("_", key)}");
        row.Property(column).HasMaxLength(copied.GetMaxLength() ?? throw new InvalidOperationException($"{column} has no length to copy."));
    }
}
