using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Features.Categories;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Deleting;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.Contacts.Erasing;
using ContactsAdmin.Features.Contacts.PersonalData;
using ContactsAdmin.Features.CustomFields;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Features.Export;
using ContactsAdmin.Features.Forms;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Features.Widgets;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Fields;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactsAdmin.Setup;

public static class FeatureSetup
{
    /// <summary>The feature services pages and commands inject (their settings come from <see cref="SettingsSetup"/>).</summary>
    public static IServiceCollection AddContactsFeatures(this IServiceCollection services)
    {
        services.AddSingleton(ProfileFieldTable.Standard);
        services.AddSingleton(provider => new ContactQueries(provider.GetRequiredService<IDbContextFactory<AppDbContext>>())
        {
            CountCap = provider.GetRequiredService<ContactsOptions>().GridCountCap,
            Sampling = provider.GetRequiredService<IOptions<CountSampling>>().Value,
        });
        services.AddSingleton<ContactLookups>();
        services.AddContactsSegments();
        services.AddSingleton<GridPreferences>();
        services.AddSingleton<ContactCardQueries>();
        services.AddSingleton<ContactFormChecks>();
        services.AddSingleton<ContactEditor>();
        services.AddSingleton<ContactCreator>();
        services.AddSingleton<ContactDeletion>();
        services.AddSingleton<ContactErasure>();
        services.AddSingleton<PersonalDataExport>();
        services.AddSingleton<SubscriptionEditor>();
        services.AddSingleton<EmailStatusRecorder>();
        services.AddSingleton<EmailStatusRecompute>();
        services.AddSingleton<EmailStatusActions>();
        services.AddSingleton<BlacklistQueries>();
        services.AddSingleton<ActivityRecorder>();
        services.AddSingleton<ActivityQueries>();
        services.AddSingleton<WidgetDisplayQueries>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<CategorySettings>();
        services.AddSingleton<SettingsAuditQueries>();
        services.AddSingleton<CategoryArchive>();
        services.AddSingleton<WidgetSettings>();
        services.AddSingleton<FormSettings>();
        services.AddSingleton<CustomFieldSettings>();
        services.AddSingleton<ContactExportRows>();
        services.AddSingleton<ContactCsvExport>();
        services.AddSingleton<BlacklistCsvExport>();
        services.AddSingleton<ExportAudit>();
        services.AddContactsImport();
        services.AddContactsMerging();
        return services;
    }
}
