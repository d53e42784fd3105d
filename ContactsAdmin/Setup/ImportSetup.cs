using ContactsAdmin.Features.Import;
using ContactsAdmin.Features.Ingest;

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
        return services;
    }
}
