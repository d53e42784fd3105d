using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// The tables that find a contact by an identifier on PostgreSQL (docs/scale-out.md, "What is left", item 1), each keyed
/// by the identifier so that Citus can distribute it by the identifier's hash: ContactEmails, ContactPhones,
/// ContactExternalIds, and ContactDeviceIds (a device id may name several contacts, so its key is the pair). No foreign
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
        // The same lengths as the columns they copy (Configurations/ContactConfiguration).
        var email = builder.Entity<ContactEmail>();
        email.ToTable("ContactEmails");
        email.HasKey(e => e.EmailNormalized).HasName("PK_ContactEmails_EmailNormalized");
        email.Property(e => e.EmailNormalized).HasMaxLength(254);

        var phone = builder.Entity<ContactPhone>();
        phone.ToTable("ContactPhones");
        phone.HasKey(p => p.Phone).HasName("PK_ContactPhones_Phone");
        phone.Property(p => p.Phone).HasMaxLength(16);

        var externalId = builder.Entity<ContactExternalId>();
        externalId.ToTable("ContactExternalIds");
        externalId.HasKey(x => x.ExternalId).HasName("PK_ContactExternalIds_ExternalId");
        externalId.Property(x => x.ExternalId).HasMaxLength(128);

        var device = builder.Entity<ContactDeviceId>();
        device.ToTable("ContactDeviceIds");
        device.HasKey(d => new { d.DeviceId, d.ContactId }).HasName("PK_ContactDeviceIds_DeviceId_ContactId");
        device.Property(d => d.DeviceId).HasMaxLength(200);

        // The look-up tables' keys refuse a second holder (PostgreSqlIdentifierStore's claims), so Contacts keeps plain
        // indexes on the identifiers, which Citus allows on a table distributed by contact: a unique index there would
        // have to hold the contact id, and then it would guard nothing.
        var contact = builder.Entity<Contact>();
        contact.HasIndex(c => c.ExternalId).IsUnique(false);
        contact.HasIndex(c => c.EmailNormalized).IsUnique(false);
        contact.HasIndex(c => c.Phone).IsUnique(false);
    }
}
