using ContactsAdmin.Features.Import;
using ContactsAdmin.Features.Ingest;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactsAdmin.Setup;

public static class ImportSetup
{
    /// <summary>
    /// The CSV import, for the app, its jobs and the `import` subcommand. It writes with the API's bulk writer and waits
    /// in the API's write line, so those are registered here too when the API is not (the command line).
    /// </summary>
    public static IServiceCollection AddContactsImport(this IServiceCollection services)
    {
        services.TryAddSingleton<IngestWriteGate>();
        services.TryAddSingleton<ContactIngest>();
        services.AddSingleton<ContactImporter>();
        services.AddSingleton<ImportUploads>();
        services.AddSingleton<RememberedMappings>();
        services.AddSingleton<PastImports>();
        return services;
    }
}
