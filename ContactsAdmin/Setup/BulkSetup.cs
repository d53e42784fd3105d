using ContactsAdmin.Features.Contacts.Bulk;
using ContactsAdmin.Features.Jobs;

namespace ContactsAdmin.Setup;

public static class BulkSetup
{
    /// <summary>Bulk actions on the grid's selection, run as background jobs of kind "bulk".</summary>
    public static IServiceCollection AddContactsBulkActions(this IServiceCollection services)
    {
        services.AddSingleton<BulkSelectionReader>();
        services.AddSingleton<EmailStatusBulkWriter>();
        services.AddSingleton<BulkActionStarter>();
        services.AddJobHandler<BulkJobHandler>();
        return services;
    }
}
