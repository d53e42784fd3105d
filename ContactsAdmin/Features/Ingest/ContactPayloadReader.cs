using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// Checks a contact payload with the shared field rules and turns it into a change set. Every error is
/// reported under the JSON path of the field that caused it; a payload with any error gives no change set.
/// </summary>
public sealed class ContactPayloadReader(IngestLookups lookups, string defaultPhoneRegion, DateOnly today)
{
    public (ContactChangeSet? Set, ApiErrors Errors) Read(ContactPayload payload)
    {
        var errors = new ApiErrors();
        var fields = new Dictionary<string, string?>();
        void Put(string key, string path, string? input, Func<string?, FieldCheck<string?>> rule)
        {
            if (input is null) return;   // left out: the stored value stays
            var check = rule(input);
            if (check.IsValid) fields[key] = check.Value;
            else errors.Add(path, check.Error!);
        }

        Put(ContactFieldNames.ExternalId, "externalCustomerId", payload.ExternalCustomerId, ProfileRules.ExternalId);
        Put(ContactFieldNames.FirstName, "firstName", payload.FirstName, v => NameRule.Check(v, "First name"));
        Put(ContactFieldNames.LastName, "lastName", payload.LastName, v => NameRule.Check(v, "Last name"));
        Put(ContactFieldNames.Language, "languageCode", payload.LanguageCode, ProfileRules.Language);
        Put(ContactFieldNames.TimeZone, "timeZone", payload.TimeZone, ProfileRules.TimeZone);
        Put(ContactFieldNames.BirthDate, "birthDate", payload.BirthDate, BirthDate);
        Put(ContactFieldNames.Gender, "gender", payload.Gender, GenderValue);
        if (payload.Address is { } address)
        {
            Put(ContactFieldNames.Country, "address.country", address.Country, ProfileRules.Country);
            Put(ContactFieldNames.Region, "address.region", address.Region, v => ProfileRules.FreeText(v, "Region", 100));
            var (townPath, town) = Alias("address.town", address.Town, "address.city", address.City, errors);
            Put(ContactFieldNames.City, townPath, town, v => ProfileRules.FreeText(v, "Town", 100));
            var (streetPath, street) = Alias("address.address", address.Address, "address.street", address.Street, errors);
            Put(ContactFieldNames.Street, streetPath, street, v => ProfileRules.FreeText(v, "Address", 200));
            Put(ContactFieldNames.PostCode, "address.postcode", address.Postcode, v => ProfileRules.FreeText(v, "Post code", 20));
            foreach (var key in address.UnknownKeys?.Keys ?? Enumerable.Empty<string>())
                errors.Add($"address.{key}", "Unknown address key: use country, region, town (or city), address (or street) and postcode.");
        }

        var devices = ReadChannels(payload.Channels ?? [], fields, errors);
        ReadCustomFields(payload.Fields ?? [], fields, errors);
        var subscribeTo = ReadSubscriptions(payload.Subscriptions ?? [], errors);

        var identifiers = new ContactIdentifiers(
            fields.GetValueOrDefault(ContactFieldNames.ExternalId),
            fields.GetValueOrDefault(ContactFieldNames.Email),
            fields.GetValueOrDefault(ContactFieldNames.Phone),
            [.. devices.Select(d => d.DeviceId).Where(id => id.Length > 0)],
            [.. devices.Select(d => d.PushToken).OfType<string>()]);
        if (identifiers.IsEmpty && !errors.Any)
            errors.Add("externalCustomerId", "Name the contact: an externalCustomerId, or an email, sms or push channel.");

        return errors.Any ? (null, errors) : (new ContactChangeSet(identifiers, fields, devices, subscribeTo), errors);
    }

    /// <summary>A value that may come under either of two names; both with different values is an error.</summary>
    private static (string Path, string? Value) Alias(string path, string? value, string aliasPath, string? aliasValue, ApiErrors errors)
    {
        if (aliasValue is null) return (path, value);
        if (value is not null && value != aliasValue) errors.Add(aliasPath, $"Send {path} or {aliasPath}, not both with different values.");
        return (aliasPath, value ?? aliasValue);
    }

    private List<DeviceUpsert> ReadChannels(List<ChannelPayload> channels, Dictionary<string, string?> fields, ApiErrors errors)
    {
        var devices = new List<DeviceUpsert>();
        for (var i = 0; i < channels.Count; i++)
        {
            var channel = channels[i];
            var path = $"channels[{i}]";
            switch (channel?.Type?.Trim().ToLowerInvariant())
            {
                case "email":
                    if (fields.ContainsKey(ContactFieldNames.Email)) { errors.Add($"{path}.type", "A contact has one email: send one email channel."); break; }
                    if (Required(channel.Value, $"{path}.value", errors) is { } email)
                        fields[ContactFieldNames.Email] = errors.Take($"{path}.value", EmailRule.Check(email));
                    break;
                case "sms":
                    if (fields.ContainsKey(ContactFieldNames.Phone)) { errors.Add($"{path}.type", "A contact has one phone: send one sms channel."); break; }
                    if (Required(channel.Value, $"{path}.value", errors) is { } phone)
                        fields[ContactFieldNames.Phone] = errors.Take($"{path}.value", PhoneRule.Check(phone, defaultPhoneRegion));
                    break;
                case "mobilepush" or "webpush":
                    if (ReadPushChannel(channel, path, errors) is not { } device) break;
                    if (devices.Any(d => d.PushToken == device.PushToken || (device.DeviceId.Length > 0 && d.DeviceId == device.DeviceId)))
                        errors.Add($"{path}.value", "This push token or device is already in another channel of the contact.");
                    else devices.Add(device);
                    break;
                default:
                    errors.Add($"{path}.type", "Use email, sms, mobilepush or webpush.");
                    break;
            }
        }
        return devices;
    }

    private static DeviceUpsert? ReadPushChannel(ChannelPayload channel, string path, ApiErrors errors)
    {
        var token = Required(channel.Value, $"{path}.value", errors);
        if (token is { Length: > 4096 }) errors.Add($"{path}.value", "A push token can be at most 4096 characters.");
        var device = channel.Device;
        var os = Text(device?.Os, $"{path}.device.os", 50, errors);
        var platform = channel.Type!.Trim().Equals("webpush", StringComparison.OrdinalIgnoreCase) ? DevicePlatform.Web
            : os?.Contains("ios", StringComparison.OrdinalIgnoreCase) == true ? DevicePlatform.iOS
            : DevicePlatform.Android;
        var result = new DeviceUpsert(
            Text(device?.DeviceId, $"{path}.device.deviceId", 200, errors) ?? "",
            token,
            platform,
            Text(device?.AppId, $"{path}.device.appId", 200, errors),
            Text(device?.AppVersion, $"{path}.device.appVersion", 50, errors),
            os,
            Text(device?.DeviceModel, $"{path}.device.deviceModel", 100, errors),
            Text(device?.Locale, $"{path}.device.locale", 35, errors),
            device?.Active);
        return token is null ? null : result;
    }

    private void ReadCustomFields(List<FieldPayload> values, Dictionary<string, string?> fields, ApiErrors errors)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var path = $"fields[{i}]";
            var (id, key) = JsonText.ReadFieldId(values[i]?.Id);
            var definition = id is { } fieldId ? lookups.Fields.GetValueOrDefault(fieldId) : key is not null ? lookups.FieldByKey(key) : null;
            if (definition is null)
            {
                errors.Add($"{path}.id", id is null && key is null ? "Name the custom field by its key or id." : $"There is no custom field '{(object?)id ?? key}'.");
                continue;
            }
            var fieldKey = ContactFieldNames.Field(definition.Id);
            if (fields.ContainsKey(fieldKey)) { errors.Add($"{path}.id", $"The field '{definition.Key}' is sent twice."); continue; }
            if (!JsonText.TryRead(values[i].Value, out var text))
            {
                errors.Add($"{path}.value", $"{definition.Label} takes a single value, not an object or a list.");
                continue;
            }
            var check = CustomFieldRules.Value(definition, text);
            if (!check.IsValid) { errors.Add($"{path}.value", check.Error!); continue; }
            fields[fieldKey] = check.Value is null ? null : FormText(definition, check.Value);
        }
    }

    private List<int> ReadSubscriptions(List<string> keys, ApiErrors errors)
    {
        var ids = new List<int>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (lookups.CategoryByKey(keys[i]?.Trim() ?? "") is { } category) ids.Add(category.Id);
            else errors.Add($"subscriptions[{i}]", $"There is no subscription category '{keys[i]}'.");
        }
        return ids;
    }

    private FieldCheck<string?> BirthDate(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return FieldCheck<string?>.Ok(null);
        if (!DateOnly.TryParseExact(input.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return FieldCheck<string?>.Invalid("Birth date must be a date as YYYY-MM-DD, e.g. 1990-04-17.");
        var check = ProfileRules.BirthDate(date, today);
        return check.IsValid ? FieldCheck<string?>.Ok(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : FieldCheck<string?>.Invalid(check.Error!);
    }

    private static FieldCheck<string?> GenderValue(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return FieldCheck<string?>.Ok(null);
        if (!Enum.TryParse<Gender>(input.Trim(), ignoreCase: true, out var gender) || !Enum.IsDefined(gender) || int.TryParse(input, out _))
            return FieldCheck<string?>.Invalid("Gender is female, male, other or unspecified.");
        return FieldCheck<string?>.Ok(gender == Gender.Unspecified ? null : gender.ToString());
    }

    /// <summary>The text the card's form would show for a stored value, so API and UI writes compare alike.</summary>
    private static string? FormText(CustomFieldDefinition field, TypedFieldValue value)
    {
        var row = new CustomFieldValue();
        value.ApplyTo(row);
        return ContactForm.FormText(field, row);
    }

    private static string? Required(string? value, string path, ApiErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
        errors.Add(path, "A value is required.");
        return null;
    }

    /// <summary>Optional free text of at most <paramref name="max"/> characters, without invisible characters (<see cref="TextRule"/>).</summary>
    public static string? Text(string? value, string path, int max, ApiErrors errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > max) errors.Add(path, $"At most {max} characters.");
        else if (TextRule.Check(trimmed, "The value") is { } invisible) errors.Add(path, invisible);
        return trimmed;
    }
}
