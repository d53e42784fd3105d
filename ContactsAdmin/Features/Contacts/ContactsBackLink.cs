using System.Globalization;

namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// The grid view (URL) the user last looked at in this circuit, so a contact card's back link returns
/// to the same search, filters and page rather than to the bare grid; and the card opened from it, so
/// its row gets the keyboard focus back on return (Back or the back link).
/// </summary>
public sealed class ContactsBackLink
{
    public string GridUri { get; set; } = ContactGridView.Path;

    /// <summary>The contact whose card was opened from the grid, until the grid shows again.</summary>
    public long? OpenedContactId { get; set; }

    /// <summary>The contact id of a card's address (/contacts/123, any query), else null.</summary>
    public static long? CardIdIn(string uri)
    {
        var path = new Uri(uri, UriKind.Absolute).AbsolutePath.TrimEnd('/');
        var prefix = ContactGridView.Path + "/";
        return path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
               long.TryParse(path[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }
}
