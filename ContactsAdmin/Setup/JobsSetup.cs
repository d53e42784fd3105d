using ContactsAdmin.Features.Jobs;

namespace ContactsAdmin.Setup;

public static class JobsSetup
{
    /// <summary>The background job runner (a hosted service), its live progress, and the services pages use.</summary>
    public static IServiceCollection AddContactsJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobProgressFeed>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<JobRunner>());
        services.AddSingleton<JobActions>();
        services.AddSingleton<JobQueries>();
        return services;
    }
}
