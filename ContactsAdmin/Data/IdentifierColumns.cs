namespace ContactsAdmin.Data;

/// <summary>
/// One kind of identifier: the column that holds it (on Contacts, or on ContactDevices for a device id or a push token) and, on
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
        new(ContactIdentifier.PushToken, nameof(ContactDevice.PushToken), "ContactPushTokens"),
    ];

    /// <summary>On ContactDevices rather than on the contact's own row.</summary>
    public bool OnDevices => Kind is ContactIdentifier.DeviceId or ContactIdentifier.PushToken;

    /// <summary>
    /// Several contacts may hold it (a device id: two people's registrations of one shared device): its look-up row is the
    /// pair and never refuses. Every other kind has one holder at most, and a second is refused.
    /// </summary>
    public bool Shared => Kind == ContactIdentifier.DeviceId;

    /// <summary>The kinds a contact's own row holds (one value each at most).</summary>
    public static readonly IReadOnlyList<IdentifierColumn> OnContacts = [.. All.Where(c => !c.OnDevices)];

    public static IdentifierColumn Of(ContactIdentifier kind) => All.Single(c => c.Kind == kind);
}
