using ContactsAdmin.Features.Contacts.Merging;
using ContactsAdmin.Features.Jobs;

namespace ContactsAdmin.Setup;

public static class MergingSetup
{
    /// <summary>Merging contacts and undoing merges, the possible duplicates scan (a job) and the sweep of old merge records.</summary>
    public static IServiceCollection AddContactsMerging(this IServiceCollection services)
    {
        services.AddSingleton<ContactMerging>();
        services.AddSingleton<DuplicateScan>();
        services.AddSingleton<DuplicateQueries>();
        services.AddJobHandler<DuplicateScanJob>();
        services.AddSingleton<MergeRecordsSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<MergeRecordsSweep>());
        return services;
    }
}
