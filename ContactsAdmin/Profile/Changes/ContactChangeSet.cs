using ContactsAdmin.Data;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Identity;

namespace ContactsAdmin.Profile.Changes;

/// <summary>Who or what writes (an API key, a subscription form), as the audit trail and "last edit" name it.</summary>
public sealed record ChangeActor(string Name, ChangeSource Source)
{
    public static ChangeActor ApiKey(string keyName) => new($"API key '{keyName}'", ChangeSource.ApiKey);
    public static ChangeActor Form(string formName) => new($"Subscription form '{formName}'", ChangeSource.System);
}

/// <summary>A device registration or push token to store on the contact.</summary>
public sealed record DeviceUpsert(
    string DeviceId,
    string? PushToken,
    DevicePlatform Platform,
    string? AppId = null,
    string? AppVersion = null,
    string? Os = null,
    string? DeviceModel = null,
    string? Locale = null,
    bool? Active = null);

/// <summary>How far a write may change the contact it finds.</summary>
public enum WriteTrust
{
    /// <summary>An API key's write of contact data: the fields it sends replace what is stored (null clears).</summary>
    Replace,

    /// <summary>
    /// A write that names a contact only to find it (an event): the identifiers it sends fill what the contact
    /// lacks and never replace what it has.
    /// </summary>
    FillEmpty,

    /// <summary>
    /// A write nobody vouches for (the public form; a device with no signed-in user). It finds a contact only by
    /// <see cref="ContactChangeSet.Identifiers"/> (the form's email, the device), fills empty fields and adds
    /// devices; subscriptions only to a mailable address. An identifier among its fields that another contact
    /// holds is dropped rather than reported, so the answer is the same whether or not that person exists.
    /// </summary>
    Anonymous,
}

/// <summary>
/// One validated write of a contact: the identifiers that find it, the field values to store (normalized
/// text by field; only the fields the caller sent,
/// null to clear), devices, the categories to subscribe, and how far it may change what it finds.
/// </summary>
public sealed record ContactChangeSet(
    ContactIdentifiers Identifiers,
    IReadOnlyDictionary<FieldKey, string?> Fields,
    IReadOnlyList<DeviceUpsert> Devices,
    IReadOnlyList<int> SubscribeTo,
    WriteTrust Trust = WriteTrust.Replace)
{
    /// <summary>An event's naming of its contact: creates it, or fills the identifiers it lacks.</summary>
    public static ContactChangeSet IdentifiersOnly(ContactIdentifiers identifiers) =>
        new(identifiers, IdentifierFields(identifiers), [], [], WriteTrust.FillEmpty);

    /// <summary>The identifiers as fields to store.</summary>
    public static Dictionary<FieldKey, string?> IdentifierFields(ContactIdentifiers identifiers)
    {
        var fields = new Dictionary<FieldKey, string?>();
        if (identifiers.ExternalId is { } externalId) fields[ProfileFields.ExternalId] = externalId;
        if (identifiers.Email is { } email) fields[ProfileFields.Email] = email;
        if (identifiers.Phone is { } phone) fields[ProfileFields.Phone] = phone;
        return fields;
    }

    /// <summary>True when the write may only fill what is empty.</summary>
    public bool FillsOnly => Trust != WriteTrust.Replace;
}

/// <summary>The definitions a write checks against, loaded once per request, and the profile fields it may name.</summary>
public sealed record IngestLookups(
    IReadOnlyDictionary<int, CustomFieldDefinition> Fields,
    IReadOnlyDictionary<int, SubscriptionCategory> Categories,
    ProfileFieldTable? ProfileFields = null)
{
    /// <summary>For writes that carry no custom fields or subscriptions (events, devices): nothing to load.</summary>
    public static IngestLookups Empty { get; } = new(new Dictionary<int, CustomFieldDefinition>(), new Dictionary<int, SubscriptionCategory>());

    public ProfileFieldTable Profile => ProfileFields ?? ProfileFieldTable.Standard;

    public CustomFieldDefinition? FieldByKey(string key) => Fields.Values.FirstOrDefault(f => f.Key == key);
    public SubscriptionCategory? CategoryByKey(string key) =>
        Categories.Values.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
}
