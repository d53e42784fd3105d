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
    [Description("Email, SMS and push channels: at most one email and one sms.")]
    public List<ChannelPayload>? Channels { get; init; }
    [Description("Custom field values; id is the field's key or numeric id.")]
    public List<FieldPayload>? Fields { get; init; }
    [Description("Keys of subscription categories to subscribe the contact to.")]
    public List<string>? Subscriptions { get; init; }

    /// <summary>
    /// The contact's own fields (externalCustomerId, firstName, address.town, ...), read by each field's API path in the
    /// profile field table (<see cref="Profile.Fields.ProfileField.ApiPath"/>); the API document lists them from there too.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ProfileValues { get; init; }
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
    [Description("Text, number, YYYY-MM-DD date, true/false, one of a choice field's options, or a list of a multi-choice field's options (e.g. [\"sport\", \"travel\"]); null clears. An archived field is refused.")]
    public JsonElement? Value { get; init; }
}
