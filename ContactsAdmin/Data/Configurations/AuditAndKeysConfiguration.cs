using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactsAdmin.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> audit)
    {
        audit.Property(a => a.Actor).HasMaxLength(256);
        audit.Property(a => a.Field).HasMaxLength(100);
        audit.Property(a => a.OldValue).HasMaxLength(1000);
        audit.Property(a => a.NewValue).HasMaxLength(1000);
        audit.HasOne<Contact>().WithMany().HasForeignKey(a => a.ContactId).OnDelete(DeleteBehavior.Cascade);
        audit.HasIndex(a => new { a.ContactId, a.OccurredAt });
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.Property(k => k.KeyHash).HasMaxLength(64);
        key.Property(k => k.Scopes).HasMaxLength(500);
        key.Property(k => k.CreatedBy).HasMaxLength(256);
        key.HasIndex(k => k.KeyHash).IsUnique();
        key.HasIndex(k => k.Prefix);
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> user)
    {
        user.Property(u => u.TimeZone).HasMaxLength(64);
        user.Property(u => u.GridPreferences).HasMaxLength(4000);
    }
}

internal sealed class SettingsChangeConfiguration : IEntityTypeConfiguration<SettingsChange>
{
    public void Configure(EntityTypeBuilder<SettingsChange> change)
    {
        change.Property(c => c.Actor).HasMaxLength(SettingsChange.ActorMaxLength);
        change.Property(c => c.Subject).HasMaxLength(SettingsChange.SubjectMaxLength);
        change.Property(c => c.Action).HasMaxLength(SettingsChange.ActionMaxLength);
        change.Property(c => c.Before).HasMaxLength(SettingsChange.SnapshotMaxLength);
        change.Property(c => c.After).HasMaxLength(SettingsChange.SnapshotMaxLength);
        // The audit page: newest first, optionally by area or by who made the change.
        change.HasIndex(c => c.OccurredAt);
        change.HasIndex(c => new { c.Area, c.OccurredAt });
        change.HasIndex(c => new { c.Actor, c.OccurredAt });
    }
}
