using ContactsAdmin.Features.Jobs;

namespace ContactsAdmin.Setup;

public static class JobsSetup
{
    /// <summary>The background job runner (a hosted service), its live progress, the services pages use, and the job kinds it runs.</summary>
    public static IServiceCollection AddContactsJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobProgressFeed>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<JobRunner>());
        services.AddSingleton<JobActions>();
        services.AddSingleton<JobQueries>();
        services.AddContactsImportJobs();
        services.AddContactsBulkActions();
        return services;
    }
}
