namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// The grid view (URL) the user last looked at in this circuit, so a contact card's back link returns
/// to the same search, filters and page rather than to the bare grid.
/// </summary>
public sealed class ContactsBackLink
{
    public string GridUri { get; set; } = ContactGridView.Path;
}
