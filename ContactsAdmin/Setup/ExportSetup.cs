using ContactsAdmin.Features.Export;

namespace ContactsAdmin.Setup;

public static class ExportSetup
{
    /// <summary>The CSV downloads of the grid and the Blacklist page (their services are in <see cref="FeatureSetup"/>, for the command line too).</summary>
    public static WebApplication MapContactsExport(this WebApplication app)
    {
        app.MapExportEndpoints();
        return app;
    }
}
