using ContactsAdmin.Features.Segments;

namespace ContactsAdmin.Setup;

public static class SegmentsSetup
{
    /// <summary>Saved segments, who is in them, and the background refresh of their counts.</summary>
    public static IServiceCollection AddContactsSegments(this IServiceCollection services)
    {
        services.AddSingleton<SegmentStore>();
        services.AddSingleton<SegmentMembers>();
        services.AddSingleton<SegmentCountRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<SegmentCountRefresher>());
        return services;
    }
}
