using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactsAdmin.Data.Configurations;

internal sealed class SubscriptionCategoryConfiguration : IEntityTypeConfiguration<SubscriptionCategory>
{
    public void Configure(EntityTypeBuilder<SubscriptionCategory> category)
    {
        category.Property(c => c.Key).HasMaxLength(SubscriptionCategory.KeyMaxLength);
        category.Property(c => c.Name).HasMaxLength(SubscriptionCategory.NameMaxLength);
        category.Property(c => c.Description).HasMaxLength(SubscriptionCategory.DescriptionMaxLength);
        category.HasIndex(c => c.Key).IsUnique();
    }
}

internal sealed class ContactSubscriptionConfiguration : IEntityTypeConfiguration<ContactSubscription>
{
    public void Configure(EntityTypeBuilder<ContactSubscription> subscription)
    {
        subscription.HasKey(s => new { s.ContactId, s.CategoryId });
        subscription.HasOne(s => s.Category).WithMany().HasForeignKey(s => s.CategoryId).OnDelete(DeleteBehavior.Cascade);
        // The grid's category filter: contacts subscribed to category C, from the index alone.
        subscription.HasIndex(s => new { s.CategoryId, s.IsSubscribed, s.ContactId });
    }
}

internal sealed class SubscriptionFormConfiguration : IEntityTypeConfiguration<SubscriptionForm>
{
    public void Configure(EntityTypeBuilder<SubscriptionForm> form)
    {
        form.Property(f => f.Key).HasMaxLength(64);
        form.Property(f => f.Name).HasMaxLength(100);
        form.HasIndex(f => f.Key).IsUnique();
    }
}

internal sealed class FormSubmissionRecordConfiguration : IEntityTypeConfiguration<FormSubmissionRecord>
{
    public void Configure(EntityTypeBuilder<FormSubmissionRecord> submission)
    {
        submission.HasOne<SubscriptionForm>().WithMany().HasForeignKey(s => s.FormId).OnDelete(DeleteBehavior.Cascade);
        // The forms page counts each form's submissions in the last 7 and 30 days from this index alone.
        submission.HasIndex(s => new { s.FormId, s.SubmittedAt });
    }
}
