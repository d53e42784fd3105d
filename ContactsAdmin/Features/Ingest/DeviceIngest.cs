using ContactsAdmin.Data;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// POST /devices: an app install or push subscription. A new device with no one signed in gets an anonymous
/// contact (source MobileApp); when the same device later arrives with an External ID, the resolver finds
/// the anonymous contact by the device and the identified one by the External ID, and the write merges them.
/// Without an External ID the registration is anonymous (<see cref="WriteTrust.Anonymous"/>).
/// </summary>
public sealed class DeviceIngest(ContactIngest contacts)
{
    public async Task<ContactWriteOutcome> RegisterAsync(DevicePayload payload, ChangeActor actor, CancellationToken ct)
    {
        var (set, errors) = Read(payload);
        if (set is null) return new ContactWriteOutcome.Invalid(errors);
        return await contacts.WriteAsync(set, IngestLookups.Empty, actor, ContactSource.MobileApp, ct);
    }

    private (ContactChangeSet? Set, ApiErrors Errors) Read(DevicePayload payload)
    {
        var errors = new ApiErrors();
        var deviceId = ContactPayloadReader.Text(payload.DeviceId, "deviceId", 200, errors);
        if (deviceId is null) errors.Add("deviceId", "The device id is required.");
        var pushToken = ContactPayloadReader.Text(payload.PushToken, "pushToken", 4096, errors);
        var platform = Platform(payload, errors);
        var osVersion = ContactPayloadReader.Text(payload.OsVersion, "osVersion", 40, errors);
        var device = new DeviceUpsert(
            deviceId ?? "",
            pushToken,
            platform ?? DevicePlatform.Android,
            ContactPayloadReader.Text(payload.AppId, "appId", 200, errors),
            ContactPayloadReader.Text(payload.AppVersion, "appVersion", 50, errors),
            osVersion is null ? null : $"{platform} {osVersion}",
            ContactPayloadReader.Text(payload.DeviceModel, "deviceModel", 100, errors),
            errors.Take("languageCode", ProfileRules.Language(payload.LanguageCode)),
            payload.PushSubscribed);

        var externalId = errors.Take("externalUserId", ProfileRules.ExternalId(payload.ExternalUserId));
        var email = errors.Take("email", EmailRule.Check(payload.Email));
        var phone = errors.Take("phone", PhoneRule.Check(payload.Phone, contacts.DefaultPhoneRegion));
        var timeZone = errors.Take("timeZone", ProfileFields.TimeZone.Check(payload.TimeZone, contacts.RuleContext));
        if (errors.Any) return (null, errors);

        IReadOnlyList<string> deviceIds = deviceId is null ? [] : [deviceId];
        IReadOnlyList<string> pushTokens = pushToken is null ? [] : [pushToken];
        // With a signed-in user the app vouches for who this is; without one, whoever holds the app could send any
        // email or phone, so those only fill what the device's contact lacks and never find another contact.
        var identifiers = externalId is null
            ? new ContactIdentifiers(DeviceIds: deviceIds, PushTokens: pushTokens)
            : new ContactIdentifiers(externalId, email, phone, deviceIds, pushTokens);
        var fields = ContactChangeSet.IdentifierFields(new ContactIdentifiers(externalId, email, phone));
        if (timeZone is not null) fields[ProfileFields.TimeZone] = timeZone;
        var trust = externalId is null ? WriteTrust.Anonymous : WriteTrust.Replace;
        return (new ContactChangeSet(identifiers, fields, [device], [], trust), errors);
    }

    private static DevicePlatform? Platform(DevicePayload payload, ApiErrors errors)
    {
        var category = payload.Category?.Trim().Replace("_", "").ToUpperInvariant();
        if (category is "WEBPUSH") return DevicePlatform.Web;
        if (category is not (null or "" or "MOBILEPUSH"))
        {
            errors.Add("category", "Use MOBILE_PUSH or WEB_PUSH.");
            return null;
        }
        switch (payload.OsType?.Trim().ToUpperInvariant())
        {
            case "IOS": return DevicePlatform.iOS;
            case "ANDROID": return DevicePlatform.Android;
            case "WEB": return DevicePlatform.Web;
            default:
                errors.Add("osType", "Say which platform: IOS, ANDROID or WEB.");
                return null;
        }
    }
}
