using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContactsAdmin.Features.Ingest.Payloads;

/// <summary>
/// A contact as Reteno's public API shapes it, so existing integrations can point here. Every property is
/// optional: a property left out (or null) leaves the stored value as it is; an empty string clears it.
/// </summary>
public sealed class ContactPayload
{
    [Description("The customer's own user id (up to 128 characters): the main matching key.")]
    public string? ExternalCustomerId { get; init; }
    [Description("Letters of any alphabet, spaces, apostrophes and hyphens inside words; at most 40 characters.")]
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    [Description("BCP 47 language tag, e.g. uk-UA.")]
    public string? LanguageCode { get; init; }
    [Description("IANA time zone, e.g. Europe/Kyiv.")]
    public string? TimeZone { get; init; }
    [Description("YYYY-MM-DD.")]
    public string? BirthDate { get; init; }
    [Description("female, male, other or unspecified.")]
    public string? Gender { get; init; }
    public AddressPayload? Address { get; init; }
    [Description("Email, SMS and push channels: at most one email and one sms.")]
    public List<ChannelPayload>? Channels { get; init; }
    [Description("Custom field values; id is the field's key or numeric id.")]
    public List<FieldPayload>? Fields { get; init; }
    [Description("Keys of subscription categories to subscribe the contact to.")]
    public List<string>? Subscriptions { get; init; }
}

public sealed class AddressPayload
{
    [Description("ISO 3166-1 alpha-2, e.g. UA.")]
    public string? Country { get; init; }
    public string? Region { get; init; }
    [Description("The city; 'city' is accepted for it too.")]
    public string? Town { get; init; }
    [Description("Another name for town.")]
    public string? City { get; init; }
    [Description("Street and house; 'street' is accepted for it too.")]
    public string? Address { get; init; }
    [Description("Another name for address.")]
    public string? Street { get; init; }
    public string? Postcode { get; init; }

    /// <summary>Keys this shape does not know: each is refused by name, never silently dropped.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownKeys { get; init; }
}

public sealed class ChannelPayload
{
    [Description("email, sms, mobilepush or webpush.")]
    public string? Type { get; init; }
    [Description("The address, the phone number (E.164 or national) or the push token.")]
    public string? Value { get; init; }
    [Description("For push channels: the app install the token belongs to.")]
    public ChannelDevicePayload? Device { get; init; }
}

public sealed class ChannelDevicePayload
{
    [Description("The install's own id, when the app knows it; otherwise the push token names the device.")]
    public string? DeviceId { get; init; }
    public string? AppId { get; init; }
    public string? DeviceModel { get; init; }
    [Description("Android or iOS (for mobilepush); decides the platform.")]
    public string? Os { get; init; }
    public string? Locale { get; init; }
    public string? AppVersion { get; init; }
    public bool? Active { get; init; }
}

public sealed class FieldPayload
{
    [Description("The custom field's key (e.g. loyalty_tier) or numeric id.")]
    public JsonElement? Id { get; init; }
    [Description("Text, number, YYYY-MM-DD date, true/false, or one of a choice field's options; null clears.")]
    public JsonElement? Value { get; init; }
}
