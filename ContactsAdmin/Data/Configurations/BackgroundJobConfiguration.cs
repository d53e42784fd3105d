using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactsAdmin.Data.Configurations;

internal sealed class BackgroundJobConfiguration : IEntityTypeConfiguration<BackgroundJob>
{
    public void Configure(EntityTypeBuilder<BackgroundJob> job)
    {
        job.Property(j => j.Kind).HasMaxLength(BackgroundJob.KindMaxLength);
        job.Property(j => j.Title).HasMaxLength(BackgroundJob.TitleMaxLength);
        job.Property(j => j.StartedBy).HasMaxLength(BackgroundJob.StartedByMaxLength);
        job.Property(j => j.Error).HasMaxLength(BackgroundJob.ErrorMaxLength);
        job.Property(j => j.Runner).HasMaxLength(BackgroundJob.RunnerMaxLength);
        // The jobs page lists newest first, all kinds or one kind (an import page lists past imports).
        job.HasIndex(j => j.QueuedAt);
        job.HasIndex(j => new { j.Kind, j.QueuedAt });
        // Start-up (and, on a store several instances share, every heartbeat) looks for jobs a stopped process left running.
        job.HasIndex(j => j.State);
    }
}
