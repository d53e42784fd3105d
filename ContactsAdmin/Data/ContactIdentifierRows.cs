namespace ContactsAdmin.Data;

// The identifier look-up tables (docs/scale-out.md, "What had to change", item 1): on PostgreSQL only, declared by
// PostgreSql.IdentifierLookupTables. Each row says which contact holds an identifier, keyed by the identifier, so the
// table can be distributed by the identifier's hash while Contacts is distributed by its id; a look-up by email then
// asks one shard instead of all of them.

/// <summary>The contact that holds an address (<see cref="Contact.EmailNormalized"/>): one at most.</summary>
public class ContactEmail
{
    public string EmailNormalized { get; set; } = "";
    public long ContactId { get; set; }
}

/// <summary>The contact that holds a phone number (<see cref="Contact.Phone"/>, E.164): one at most.</summary>
public class ContactPhone
{
    public string Phone { get; set; } = "";
    public long ContactId { get; set; }
}

/// <summary>The contact that holds an External ID (<see cref="Contact.ExternalId"/>): one at most.</summary>
public class ContactExternalId
{
    public string ExternalId { get; set; } = "";
    public long ContactId { get; set; }
}

/// <summary>The contact whose device has this push token (<see cref="ContactDevice.PushToken"/>): one at most.</summary>
public class ContactPushToken
{
    public string PushToken { get; set; } = "";
    public long ContactId { get; set; }
}

/// <summary>A contact with a device of this id (<see cref="ContactDevice.DeviceId"/>): a device id may name several.</summary>
public class ContactDeviceId
{
    public string DeviceId { get; set; } = "";
    public long ContactId { get; set; }
}

/// <summary>
/// The activity stored under an event's keyValue (<see cref="Activity.EventKey"/>): one at most. On PostgreSQL only
/// (PostgreSql.ActivityEventKeys), keyed by the key so Citus can distribute it by the key's hash.
/// </summary>
public class ActivityEventKey
{
    public string EventKey { get; set; } = "";
    public long ActivityId { get; set; }
}
