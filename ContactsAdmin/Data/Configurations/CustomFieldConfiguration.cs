using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactsAdmin.Data.Configurations;

internal sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> field)
    {
        field.Property(f => f.Key).HasMaxLength(64);
        field.Property(f => f.Label).HasMaxLength(100);
        field.Property(f => f.Group).HasMaxLength(100);
        field.Property(f => f.HelpText).HasMaxLength(CustomFieldDefinition.HelpTextMaxLength);
        field.Property(f => f.CreatedBy).HasMaxLength(256);
        field.HasIndex(f => f.Key).IsUnique();
    }
}

internal sealed class CustomFieldGroupConfiguration : IEntityTypeConfiguration<CustomFieldGroup>
{
    public void Configure(EntityTypeBuilder<CustomFieldGroup> group)
    {
        group.HasKey(g => g.Name);
        group.Property(g => g.Name).HasMaxLength(100);
    }
}

internal sealed class CustomFieldValueConfiguration : IEntityTypeConfiguration<CustomFieldValue>
{
    public void Configure(EntityTypeBuilder<CustomFieldValue> value)
    {
        value.HasKey(v => new { v.ContactId, v.FieldId });
        value.Property(v => v.TextValue).HasMaxLength(1000);
        value.HasOne(v => v.Field).WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Cascade);

        // Grid filters ask "which contacts have field F with a value like V": one index per typed column,
        // ending with ContactId so the answer (and its count) comes from the index alone. A value fills one typed
        // column and leaves the others NULL, so each index holds only the rows whose column is set: a comparison
        // with the column (which a NULL never passes) tells SQLite it may use it. (Deleting a field definition
        // finds its values by a scan: nothing in the app deletes definitions.)
        value.HasIndex(v => new { v.FieldId, v.TextValue, v.ContactId }).HasFilter("\"TextValue\" IS NOT NULL");
        value.HasIndex(v => new { v.FieldId, v.NumberValue, v.ContactId }).HasFilter("\"NumberValue\" IS NOT NULL");
        value.HasIndex(v => new { v.FieldId, v.DateValue, v.ContactId }).HasFilter("\"DateValue\" IS NOT NULL");
        value.HasIndex(v => new { v.FieldId, v.BoolValue, v.ContactId }).HasFilter("\"BoolValue\" IS NOT NULL");
    }
}
