namespace ContactsAdmin.Data;

/// <summary>
/// One kind of identifier: the column that holds it (on Contacts, or on ContactDevices for a device id) and, on
/// PostgreSQL, the look-up table keyed by it (<see cref="ContactEmail"/> and its kin), whose key column has the same name.
/// </summary>
public sealed record IdentifierColumn(ContactIdentifier Kind, string Column, string LookupTable)
{
    /// <summary>Every kind, in the order writes take their keys (so two writers wait for each other rather than deadlock).</summary>
    public static readonly IReadOnlyList<IdentifierColumn> All =
    [
        new(ContactIdentifier.ExternalId, nameof(Contact.ExternalId), "ContactExternalIds"),
        new(ContactIdentifier.Email, nameof(Contact.EmailNormalized), "ContactEmails"),
        new(ContactIdentifier.Phone, nameof(Contact.Phone), "ContactPhones"),
        new(ContactIdentifier.DeviceId, nameof(ContactDevice.DeviceId), "ContactDeviceIds"),
    ];

    /// <summary>The kinds a contact's own row holds (one value each at most); a device id is on ContactDevices.</summary>
    public static readonly IReadOnlyList<IdentifierColumn> OnContacts = [.. All.Where(c => c.Kind != ContactIdentifier.DeviceId)];

    public static IdentifierColumn Of(ContactIdentifier kind) => All.Single(c => c.Kind == kind);
}
