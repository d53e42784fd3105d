using System.ComponentModel;

namespace ContactsAdmin.Features.Ingest.Payloads;

/// <summary>An app install or web push subscription, as a mobile SDK registers it.</summary>
public sealed class DevicePayload
{
    [Description("The install's id (at most 200 characters). Required.")]
    public string? DeviceId { get; init; }
    [Description("The signed-in user's External ID: an anonymous device contact is merged into that contact.")]
    public string? ExternalUserId { get; init; }
    public string? PushToken { get; init; }
    [Description("MOBILE_PUSH or WEB_PUSH.")]
    public string? Category { get; init; }
    [Description("IOS, ANDROID or WEB.")]
    public string? OsType { get; init; }
    public string? OsVersion { get; init; }
    public string? DeviceModel { get; init; }
    public string? AppId { get; init; }
    public string? AppVersion { get; init; }
    [Description("The device's language, BCP 47 (e.g. uk-UA).")]
    public string? LanguageCode { get; init; }
    [Description("IANA time zone; stored on the contact.")]
    public string? TimeZone { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    [Description("False when the user turned push notifications off.")]
    public bool? PushSubscribed { get; init; }
}
