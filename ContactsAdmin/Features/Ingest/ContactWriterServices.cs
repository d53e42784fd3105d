using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// What writing contacts the API's way needs (<see cref="ContactIngest"/> and the write line it waits in,
/// <see cref="IngestWriteGate"/>), registered in one place for everyone who writes that way: the API, the CSV import
/// (in the app, its jobs and the `import` command). Registering twice keeps one of each, so all writers share one line.
/// </summary>
public static class ContactWriterServices
{
    public static IServiceCollection AddContactWriter(this IServiceCollection services)
    {
        services.TryAddSingleton<IngestWriteGate>();
        services.TryAddSingleton<ContactIngest>();
        return services;
    }
}
