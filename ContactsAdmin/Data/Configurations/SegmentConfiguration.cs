using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactsAdmin.Data.Configurations;

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> segment)
    {
        segment.Property(s => s.Name).HasMaxLength(Segment.NameMaxLength);
        segment.Property(s => s.Definition).HasMaxLength(Segment.DefinitionMaxLength);
        segment.Property(s => s.CreatedBy).HasMaxLength(Segment.ActorMaxLength);
        segment.Property(s => s.UpdatedBy).HasMaxLength(Segment.ActorMaxLength);
        // A name says which audience it is: two of the same name would be sent to by mistake.
        segment.HasIndex(s => s.Name).IsUnique();
    }
}
