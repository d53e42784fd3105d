using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactsAdmin.Data.Configurations;

internal sealed class ErasedSuppressionConfiguration : IEntityTypeConfiguration<ErasedSuppression>
{
    public void Configure(EntityTypeBuilder<ErasedSuppression> suppression)
    {
        suppression.Property(s => s.Hash).HasMaxLength(ErasedSuppression.HashLength);
        // Every contact write with an email or phone asks whether its hash is suppressed.
        suppression.HasIndex(s => new { s.Kind, s.Hash }).IsUnique();
    }
}

internal sealed class ErasedSuppressionKeyConfiguration : IEntityTypeConfiguration<ErasedSuppressionKey>
{
    public void Configure(EntityTypeBuilder<ErasedSuppressionKey> key)
    {
        // Never generated: the one row has a fixed id, so two instances creating it at once cannot both succeed.
        key.Property(k => k.Id).ValueGeneratedNever();
        key.Property(k => k.ProtectedKey).HasMaxLength(1000);
    }
}

internal sealed class ContactMergeRecordConfiguration : IEntityTypeConfiguration<ContactMergeRecord>
{
    public void Configure(EntityTypeBuilder<ContactMergeRecord> merge)
    {
        merge.Property(m => m.MergedBy).HasMaxLength(ContactMergeRecord.ActorMaxLength);
        merge.Property(m => m.UndoneBy).HasMaxLength(ContactMergeRecord.ActorMaxLength);
        merge.HasOne<Contact>().WithMany().HasForeignKey(m => m.SurvivorId).OnDelete(DeleteBehavior.Cascade);
        // The surviving card lists its merges; an undo looks a merged-away id up.
        merge.HasIndex(m => new { m.SurvivorId, m.MergedAt });
        merge.HasIndex(m => m.MergedAwayId);
        // The daily sweep drops snapshots past their undo window.
        merge.HasIndex(m => m.UndoUntil);
    }
}

internal sealed class DuplicatePairConfiguration : IEntityTypeConfiguration<DuplicatePair>
{
    public void Configure(EntityTypeBuilder<DuplicatePair> pair)
    {
        pair.Property(p => p.Reason).HasMaxLength(DuplicatePair.ReasonMaxLength);
        pair.HasOne<Contact>().WithMany().HasForeignKey(p => p.FirstId).OnDelete(DeleteBehavior.Cascade);
        pair.HasOne<Contact>().WithMany().HasForeignKey(p => p.SecondId).OnDelete(DeleteBehavior.Cascade);
        pair.HasIndex(p => new { p.FirstId, p.SecondId }).IsUnique();
        pair.HasIndex(p => p.SecondId);
        // The page lists the surest pairs first.
        pair.HasIndex(p => new { p.Score, p.Id });
    }
}
