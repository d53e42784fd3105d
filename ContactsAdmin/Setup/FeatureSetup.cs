using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Features.Settings;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Setup;

public static class FeatureSetup
{
    /// <summary>The feature services pages and commands inject.</summary>
    public static IServiceCollection AddContactsFeatures(this IServiceCollection services)
    {
        // Totals beyond the cap show as "more than N", combined filters' as "about N" from a sample; an operator
        // may trade count cost for precision.
        services.AddSingleton(provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            return new ContactQueries(provider.GetRequiredService<IDbContextFactory<AppDbContext>>())
            {
                CountCap = configuration.GetValue("Contacts:GridCountCap", ContactQueries.DefaultCountCap),
                Sampling = configuration.GetSection("Contacts:CountSampling").Get<CountSampling>() ?? new CountSampling(),
            };
        });
        services.AddSingleton<ContactLookups>();
        services.AddSingleton<GridPreferences>();
        services.AddSingleton<ContactCardQueries>();
        services.AddSingleton<ContactEditor>();
        services.AddSingleton<SubscriptionEditor>();
        services.AddSingleton(provider => EmailStatusRuleOptions.FromConfiguration(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton<EmailStatusRecorder>();
        services.AddSingleton<EmailStatusRecompute>();
        services.AddSingleton<EmailStatusActions>();
        services.AddSingleton<BlacklistQueries>();
        services.AddSingleton<ActivityRecorder>();
        services.AddSingleton<ActivityQueries>();
        services.AddSingleton<WidgetDisplayQueries>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<ApiKeyService>();
        return services;
    }
}
