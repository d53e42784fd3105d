using ContactsAdmin.Features.Import;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Features.Jobs;

namespace ContactsAdmin.Setup;

public static class ImportSetup
{
    /// <summary>
    /// The CSV import, for the app, its jobs and the `import` subcommand. It writes with the API's bulk writer and waits
    /// in the API's write line: the Ingest feature registers those (once, whoever asks first), here for the command line too.
    /// </summary>
    public static IServiceCollection AddContactsImport(this IServiceCollection services)
    {
        services.AddContactWriter();
        services.AddSingleton<ContactImporter>();
        services.AddSingleton<ImportUploads>();
        services.AddSingleton<ImportErrorFiles>();
        services.AddSingleton<RememberedMappings>();
        services.AddSingleton<PastImports>();
        return services;
    }

    /// <summary>
    /// Imports as background jobs and the sweep of their uploaded files, in the app (the command line imports in the
    /// foreground and runs no jobs).
    /// </summary>
    public static IServiceCollection AddContactsImportJobs(this IServiceCollection services)
    {
        services.AddJobHandler<ImportJobHandler>();
        services.AddSingleton<ImportFilesSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<ImportFilesSweep>());
        return services;
    }
}
