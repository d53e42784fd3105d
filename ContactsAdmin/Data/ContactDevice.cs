namespace ContactsAdmin.Data;

/// <summary>A mobile or web push registration. A push token belongs to one contact at a time.</summary>
public class ContactDevice
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public Contact? Contact { get; set; }

    public DevicePlatform Platform { get; set; }
    public string DeviceId { get; set; } = "";
    public string? PushToken { get; set; }
    public string? AppId { get; set; }
    public string? AppVersion { get; set; }
    public string? Os { get; set; }
    public string? DeviceModel { get; set; }
    public string? Locale { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public bool IsActive { get; set; } = true;
}
