using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactsAdmin.Data.Configurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> activity)
    {
        activity.Property(a => a.Name).HasMaxLength(200);
        activity.Property(a => a.EventKey).HasMaxLength(200);
        activity.Property(a => a.SessionId).HasMaxLength(100);

        activity.HasOne<Contact>().WithMany().HasForeignKey(a => a.ContactId).OnDelete(DeleteBehavior.Cascade);
        activity.HasOne(a => a.Widget).WithMany().HasForeignKey(a => a.WidgetId).OnDelete(DeleteBehavior.SetNull);

        // The activity tab: one contact's activities, newest first, optionally by channel or status.
        activity.HasIndex(a => new { a.ContactId, a.OccurredAt });
        activity.HasIndex(a => new { a.ContactId, a.Channel, a.OccurredAt });
        activity.HasIndex(a => new { a.ContactId, a.Status, a.OccurredAt });
        // The tab's counts per channel and status (and within a date range) from the index alone.
        activity.HasIndex(a => new { a.ContactId, a.Channel, a.Status, a.OccurredAt });
        // Segments (issue 20): who received, opened or clicked a message in the last N days. A count of a segment reads
        // it as one list, the status's entries in contact order (none of the other indexes, each led by the contact, can
        // give it without reading every activity); a page probes it per contact, covered (the channel is in it). Status
        // before OccurredAt would read fewer entries for the list, but SQLite, without statistics, then prefers it for
        // the per-contact probe too (covering beats a second equality) and scans a month of clicks for every contact.
        // Only messages have a status, so page views and events stay out of it.
        activity.HasIndex(a => new { a.Status, a.ContactId, a.OccurredAt, a.Channel }).HasFilter("\"Status\" IS NOT NULL");
        // Widget displays against their frequency: one widget's displays for a contact in a period or a session,
        // from the index alone. Only widget displays have a widget, so the index holds just those rows.
        activity.HasIndex(a => new { a.ContactId, a.WidgetId, a.OccurredAt, a.SessionId }).HasFilter("\"WidgetId\" IS NOT NULL");
        // Deleting a widget clears it from its displays: the lookup names a widget, so an index of the one activity
        // in ten that has one answers it (the seed builds this index over ten million activities).
        activity.HasIndex(a => a.WidgetId).HasFilter("\"WidgetId\" IS NOT NULL");
        // Idempotency: an event key is stored once.
        activity.HasIndex(a => a.EventKey).IsUnique().HasFilter("\"EventKey\" IS NOT NULL");
    }
}

internal sealed class WidgetConfiguration : IEntityTypeConfiguration<Widget>
{
    public void Configure(EntityTypeBuilder<Widget> widget)
    {
        widget.Property(w => w.Key).HasMaxLength(64);
        widget.Property(w => w.Name).HasMaxLength(100);
        widget.HasIndex(w => w.Key).IsUnique();
    }
}
