using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ContactsAdmin.Setup;

/// <summary>
/// The database's key ring (<paramref name="database"/>) with the keys an earlier version kept in a folder copied into
/// it the first time the ring is read: cookies and the suppression key those keys protected still open, and every
/// instance on the database sees them. A key already in the database is not copied again, so this runs harmlessly on
/// every start while the folder is still configured.
/// </summary>
internal sealed class KeysFolderImport(IXmlRepository database, string folder) : IXmlRepository
{
    private readonly Lock importing = new();
    private bool imported;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (importing)
        {
            if (!imported)
            {
                Import();
                imported = true;
            }
        }
        return database.GetAllElements();
    }

    public void StoreElement(XElement element, string friendlyName) => database.StoreElement(element, friendlyName);

    private void Import()
    {
        if (!Directory.Exists(folder)) return;
        var stored = database.GetAllElements().Select(e => e.ToString(SaveOptions.DisableFormatting)).ToHashSet(StringComparer.Ordinal);
        // The folder's files are named as the file system repository names them: the friendly name, ".xml".
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            var element = XElement.Load(file);
            if (stored.Add(element.ToString(SaveOptions.DisableFormatting)))
                database.StoreElement(element, Path.GetFileNameWithoutExtension(file));
        }
    }
}
