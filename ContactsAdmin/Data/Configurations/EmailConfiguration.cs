using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactsAdmin.Data.Configurations;

internal sealed class EmailEventConfiguration : IEntityTypeConfiguration<EmailEvent>
{
    public void Configure(EntityTypeBuilder<EmailEvent> emailEvent)
    {
        emailEvent.Property(e => e.Address).HasMaxLength(254);
        emailEvent.Property(e => e.MessageName).HasMaxLength(200);
        emailEvent.Property(e => e.SmtpCode).HasMaxLength(16);
        emailEvent.Property(e => e.Diagnostic).HasMaxLength(1000);
        emailEvent.Property(e => e.Actor).HasMaxLength(256);
        emailEvent.Property(e => e.Note).HasMaxLength(1000);

        // The fold reads an address's log in order.
        emailEvent.HasIndex(e => new { e.Address, e.OccurredAt });
        emailEvent.HasIndex(e => e.ContactId);
        emailEvent.HasOne<Contact>().WithMany().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class BlacklistEntryConfiguration : IEntityTypeConfiguration<BlacklistEntry>
{
    public void Configure(EntityTypeBuilder<BlacklistEntry> entry)
    {
        entry.Property(e => e.Address).HasMaxLength(254);
        entry.Property(e => e.AddedBy).HasMaxLength(256);
        entry.Property(e => e.RemovedBy).HasMaxLength(256);
        entry.Property(e => e.Note).HasMaxLength(1000);
        entry.Property(e => e.RemovalNote).HasMaxLength(1000);
        entry.Ignore(e => e.IsActive);

        entry.HasIndex(e => new { e.Address, e.RemovedAt });
        entry.HasIndex(e => new { e.RemovedAt, e.AddedAt });
    }
}
