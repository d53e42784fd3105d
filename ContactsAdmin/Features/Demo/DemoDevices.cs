using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Demo;

/// <summary>App installs and web push subscriptions that look like what the SDKs send.</summary>
internal static class DemoDevices
{
    public const string MobileAppId = "com.example.shop";
    public const string WebAppId = "shop.example.com";

    private static readonly string[] AppVersions = ["4.1.7", "4.2.0", "4.2.1", "4.3.0"];
    private static readonly string[] IPhones = ["iPhone 13", "iPhone 14", "iPhone 15", "iPhone 15 Pro", "iPhone 16", "iPhone SE (3rd generation)"];
    private static readonly string[] IosVersions = ["iOS 17.6", "iOS 18.2", "iOS 18.3", "iOS 18.4"];
    private static readonly string[] AndroidPhones = ["Pixel 8", "Pixel 9", "Samsung Galaxy S24", "Samsung Galaxy A54", "Xiaomi Redmi Note 13", "OnePlus 12"];
    private static readonly string[] AndroidVersions = ["Android 13", "Android 14", "Android 15"];
    private static readonly string[] Browsers = ["Chrome 133", "Firefox 135", "Edge 133", "Safari 18"];
    private static readonly string[] DesktopSystems = ["Windows 11", "macOS 15", "Ubuntu 24.04", "Android 15"];

    public static ContactDevice Create(DevicePlatform platform, DemoContactDraft draft, DateTime today, DemoRandom random, HashSet<string> takenPushTokens)
    {
        var contact = draft.Contact;
        var history = today - contact.CreatedAt;
        // An app install usually is how an app-sourced contact began; other devices come along later.
        var firstSeen = contact.Source == ContactSource.MobileApp && draft.Devices.Count == 0
            ? contact.CreatedAt
            : contact.CreatedAt + history * random.Double(0, 0.3);
        var device = new ContactDevice
        {
            Platform = platform,
            Locale = contact.Language,
            FirstSeenAt = firstSeen,
            LastSeenAt = firstSeen + (today - firstSeen) * random.Double(0.3, 1),
            IsActive = random.Bool(0.9),
        };
        switch (platform)
        {
            case DevicePlatform.iOS:
                device.DeviceId = random.Uuid().ToString().ToUpperInvariant();    // identifierForVendor
                device.AppId = MobileAppId;
                device.AppVersion = random.Pick(AppVersions);
                device.Os = random.Pick(IosVersions);
                device.DeviceModel = random.Pick(IPhones);
                break;
            case DevicePlatform.Android:
                device.DeviceId = random.Hex(16);                                  // ANDROID_ID
                device.AppId = MobileAppId;
                device.AppVersion = random.Pick(AppVersions);
                device.Os = random.Pick(AndroidVersions);
                device.DeviceModel = random.Pick(AndroidPhones);
                break;
            default:
                device.DeviceId = random.Uuid().ToString();
                device.AppId = WebAppId;
                device.Os = random.Pick(DesktopSystems);
                device.DeviceModel = random.Pick(Browsers);
                break;
        }
        device.PushToken = UniquePushToken(platform, random, takenPushTokens);
        return device;
    }

    private static string UniquePushToken(DevicePlatform platform, DemoRandom random, HashSet<string> taken)
    {
        string token;
        do token = platform switch
        {
            // APNs: 32 bytes as hex. FCM: an instance id, a colon and a long opaque token. Web push: the endpoint URL.
            DevicePlatform.iOS => random.Hex(64),
            DevicePlatform.Android => $"{random.AlphaNumeric(22)}:APA91b{random.AlphaNumeric(134)}",
            _ => $"https://fcm.googleapis.com/fcm/send/{random.AlphaNumeric(22)}:APA91b{random.AlphaNumeric(96)}",
        };
        while (!taken.Add(token));
        return token;
    }
}
