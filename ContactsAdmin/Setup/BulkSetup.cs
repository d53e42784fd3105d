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
        // Resuming or rerunning a bulk job asks its action's policy again (a Marketer may not rerun an Admin's delete).
        services.AddSingleton(new JobKindPolicy(BulkJobParameters.JobKind, parameters => BulkActionRules.Policy(BulkJobParameters.Read(parameters).Action)));
        return services;
    }
}
