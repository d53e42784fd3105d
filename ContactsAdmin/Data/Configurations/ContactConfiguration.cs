using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactsAdmin.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.Property(c => c.ExternalId).HasMaxLength(128);
        contact.Property(c => c.Email).HasMaxLength(254);
        contact.Property(c => c.EmailNormalized).HasMaxLength(254);
        contact.Property(c => c.Phone).HasMaxLength(16);
        contact.Property(c => c.FirstName).HasMaxLength(40);
        contact.Property(c => c.LastName).HasMaxLength(40);
        contact.Property(c => c.Country).HasMaxLength(2);
        contact.Property(c => c.Region).HasMaxLength(100);
        contact.Property(c => c.City).HasMaxLength(100);
        contact.Property(c => c.Street).HasMaxLength(200);
        contact.Property(c => c.PostCode).HasMaxLength(20);
        contact.Property(c => c.TimeZone).HasMaxLength(64);
        contact.Property(c => c.Language).HasMaxLength(35);
        contact.Property(c => c.LastEditBy).HasMaxLength(256);
        contact.Property(c => c.EmailStatusReason).HasMaxLength(500);
        contact.Property(c => c.Version).IsConcurrencyToken();

        // Identifiers are unique where present (SQLite treats NULLs as distinct in a unique index). Email and
        // phone are also sort columns of the grid, so their indexes hold every row, NULLs included: a partial
        // index (WHERE ... IS NOT NULL) cannot give the order of the whole table.
        contact.HasIndex(c => c.ExternalId).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
        contact.HasIndex(c => c.EmailNormalized).IsUnique();
        contact.HasIndex(c => c.Phone).IsUnique();

        // The grid's sorts and filters. SQLite appends the rowid (Id) to every index, so each of
        // these also gives a stable order for paging.
        contact.HasIndex(c => c.CreatedAt);
        contact.HasIndex(c => c.LastEditAt);
        contact.HasIndex(c => new { c.LastName, c.FirstName });
        // Filter by status or source, newest first; also the sort by status or source (ties by creation date).
        contact.HasIndex(c => new { c.EmailStatus, c.CreatedAt });
        contact.HasIndex(c => new { c.Source, c.CreatedAt });
        contact.HasIndex(c => c.Country);
        contact.HasIndex(c => c.Language);

        contact.HasMany(c => c.Devices).WithOne(d => d.Contact).HasForeignKey(d => d.ContactId).OnDelete(DeleteBehavior.Cascade);
        contact.HasMany(c => c.CustomFieldValues).WithOne(v => v.Contact).HasForeignKey(v => v.ContactId).OnDelete(DeleteBehavior.Cascade);
        contact.HasMany(c => c.Subscriptions).WithOne(s => s.Contact).HasForeignKey(s => s.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactDeviceConfiguration : IEntityTypeConfiguration<ContactDevice>
{
    public void Configure(EntityTypeBuilder<ContactDevice> device)
    {
        device.Property(d => d.DeviceId).HasMaxLength(200);
        device.Property(d => d.PushToken).HasMaxLength(4096);
        device.Property(d => d.AppId).HasMaxLength(200);
        device.Property(d => d.AppVersion).HasMaxLength(50);
        device.Property(d => d.Os).HasMaxLength(50);
        device.Property(d => d.DeviceModel).HasMaxLength(100);
        device.Property(d => d.Locale).HasMaxLength(35);

        device.HasIndex(d => d.ContactId);
        device.HasIndex(d => d.DeviceId);
        // A push token belongs to one contact at a time.
        device.HasIndex(d => d.PushToken).IsUnique().HasFilter("\"PushToken\" IS NOT NULL");
    }
}
