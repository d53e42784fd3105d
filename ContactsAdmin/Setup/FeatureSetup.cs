using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Features.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactsAdmin.Setup;

public static class FeatureSetup
{
    /// <summary>The feature services pages and commands inject.</summary>
    public static IServiceCollection AddContactsFeatures(this IServiceCollection services)
    {
        // Totals beyond the cap show as "more than N", combined filters' as "about N" from a sample; an operator
        // may trade count cost for precision. Sampling settings that cannot work stop the app at start-up.
        services.AddOptions<CountSampling>().BindConfiguration("Contacts:CountSampling").ValidateOnStart();
        services.AddSingleton<IValidateOptions<CountSampling>, CountSamplingValidation>();
        services.AddSingleton(provider => new ContactQueries(provider.GetRequiredService<IDbContextFactory<AppDbContext>>())
        {
            CountCap = provider.GetRequiredService<IConfiguration>().GetValue("Contacts:GridCountCap", ContactQueries.DefaultCountCap),
            Sampling = provider.GetRequiredService<IOptions<CountSampling>>().Value,
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
