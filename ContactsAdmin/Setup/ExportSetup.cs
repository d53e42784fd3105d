using ContactsAdmin.Features.Contacts.PersonalData;
using ContactsAdmin.Features.Export;
using ContactsAdmin.Features.Import;

namespace ContactsAdmin.Setup;

public static class ExportSetup
{
    /// <summary>The CSV downloads of the grid and the Blacklist page (their services are in <see cref="FeatureSetup"/>, for the command line too).</summary>
    public static WebApplication MapContactsExport(this WebApplication app)
    {
        app.MapExportEndpoints();
        app.MapImportEndpoints();   // the import's bad-row report: a CSV download like these
        app.MapPersonalDataDownload();   // a contact's data as JSON, from the card
        return app;
    }
}
