using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data;

/// <summary>
/// The contact store and the Identity tables, in one database. This type is the SQLite store's (its migrations name
/// it); another engine derives its own context from it (<see cref="PostgreSql.PostgreSqlAppDbContext"/>) for a
/// migration history of its own, and the app sees either one as this type. On a database server it also keeps the
/// data protection keys (<see cref="IDataProtectionKeyContext"/>), so every app instance reads the cookies the others signed.
/// </summary>
public class AppDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options) { }

    /// <summary>For an engine's own context type, whose options name that type.</summary>
    protected AppDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactDevice> ContactDevices => Set<ContactDevice>();
    public DbSet<CustomFieldDefinition> CustomFieldDefinitions => Set<CustomFieldDefinition>();
    public DbSet<CustomFieldValue> CustomFieldValues => Set<CustomFieldValue>();
    public DbSet<CustomFieldGroup> CustomFieldGroups => Set<CustomFieldGroup>();
    public DbSet<SubscriptionCategory> SubscriptionCategories => Set<SubscriptionCategory>();
    public DbSet<ContactSubscription> ContactSubscriptions => Set<ContactSubscription>();
    public DbSet<SubscriptionForm> SubscriptionForms => Set<SubscriptionForm>();
    public DbSet<EmailEvent> EmailEvents => Set<EmailEvent>();
    public DbSet<BlacklistEntry> BlacklistEntries => Set<BlacklistEntry>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<Widget> Widgets => Set<Widget>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<SettingsChange> SettingsChanges => Set<SettingsChange>();
    public DbSet<FormSubmissionRecord> FormSubmissionRecords => Set<FormSubmissionRecord>();
    public DbSet<BackgroundJob> BackgroundJobs => Set<BackgroundJob>();
    public DbSet<ErasedSuppression> ErasedSuppressions => Set<ErasedSuppression>();
    public DbSet<ContactMergeRecord> ContactMergeRecords => Set<ContactMergeRecord>();
    public DbSet<DuplicatePair> DuplicatePairs => Set<DuplicatePair>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<ErasedSuppressionKey> ErasedSuppressionKeys => Set<ErasedSuppressionKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Store enums by name: readable in the database and safe against reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
