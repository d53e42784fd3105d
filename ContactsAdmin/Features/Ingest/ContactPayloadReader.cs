using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// Checks a contact payload with the shared field rules and turns it into a change set. Every error is
/// reported under the JSON path of the field that caused it; a payload with any error gives no change set.
/// The contact's own fields are read by their API paths in the profile field table.
/// </summary>
public sealed class ContactPayloadReader(IngestLookups lookups, FieldRuleContext rules)
{
    public (ContactChangeSet? Set, ApiErrors Errors) Read(ContactPayload payload)
    {
        var errors = new ApiErrors();
        var fields = new Dictionary<FieldKey, string?>();
        var profileFields = lookups.Profile.Fields;
        var values = ApiPaths.Of(payload.ProfileValues, profileFields, errors);
        foreach (var field in profileFields.Where(f => !f.ApiWritesThroughChannels))
        {
            if (values.Find(field, errors) is not ({ } path, { } input)) continue;   // left out: the stored value stays
            var check = field.Check(input, rules);
            if (check.IsValid) fields[field] = check.Value;
            else errors.Add(path, check.Error!);
        }

        var devices = ReadChannels(payload.Channels ?? [], fields, errors);
        ReadCustomFields(payload.Fields ?? [], fields, errors);
        var subscribeTo = ReadSubscriptions(payload.Subscriptions ?? [], errors);

        var identifiers = new ContactIdentifiers(
            fields.GetValueOrDefault(ProfileFields.ExternalId),
            fields.GetValueOrDefault(ProfileFields.Email),
            fields.GetValueOrDefault(ProfileFields.Phone),
            [.. devices.Select(d => d.DeviceId).Where(id => id.Length > 0)],
            [.. devices.Select(d => d.PushToken).OfType<string>()]);
        if (identifiers.IsEmpty && !errors.Any)
            errors.Add(ProfileFields.ExternalId.ApiPath, "Name the contact: an externalCustomerId, or an email, sms or push channel.");

        return errors.Any ? (null, errors) : (new ContactChangeSet(identifiers, fields, devices, subscribeTo), errors);
    }

    private List<DeviceUpsert> ReadChannels(List<ChannelPayload> channels, Dictionary<FieldKey, string?> fields, ApiErrors errors)
    {
        var devices = new List<DeviceUpsert>();
        for (var i = 0; i < channels.Count; i++)
        {
            var channel = channels[i];
            var path = $"channels[{i}]";
            switch (channel?.Type?.Trim().ToLowerInvariant())
            {
                case "email":
                    if (fields.ContainsKey(ProfileFields.Email)) { errors.Add($"{path}.type", "A contact has one email: send one email channel."); break; }
                    if (Required(channel.Value, $"{path}.value", errors) is { } email)
                        fields[ProfileFields.Email] = errors.Take($"{path}.value", ProfileFields.Email.Check(email, rules));
                    break;
                case "sms":
                    if (fields.ContainsKey(ProfileFields.Phone)) { errors.Add($"{path}.type", "A contact has one phone: send one sms channel."); break; }
                    if (Required(channel.Value, $"{path}.value", errors) is { } phone)
                        fields[ProfileFields.Phone] = errors.Take($"{path}.value", ProfileFields.Phone.Check(phone, rules));
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

    private void ReadCustomFields(List<FieldPayload> values, Dictionary<FieldKey, string?> fields, ApiErrors errors)
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
            if (definition.ArchivedAt is not null)
            {
                // Archived fields keep their values but take no new ones until an admin restores them.
                errors.Add($"{path}.id", $"The field '{definition.Key}' is archived.");
                continue;
            }
            var fieldKey = FieldKey.Custom(definition.Id);
            if (fields.ContainsKey(fieldKey)) { errors.Add($"{path}.id", $"The field '{definition.Key}' is sent twice."); continue; }
            string? text;
            if (definition.Type == CustomFieldType.MultiChoice)
            {
                if (!TryReadOptions(values[i].Value, definition, $"{path}.value", errors, out text)) continue;
            }
            else if (!JsonText.TryRead(values[i].Value, out text))
            {
                errors.Add($"{path}.value", $"{definition.Label} takes a single value, not an object or a list.");
                continue;
            }
            var check = CustomFieldRules.Value(definition, text);
            if (!check.IsValid) { errors.Add($"{path}.value", check.Error!); continue; }
            fields[fieldKey] = check.Value is null ? null : CustomFieldText.Of(definition, check.Value);
        }
    }

    /// <summary>
    /// A multi-choice value: a list of option names (an empty list or null clears it), as one option per line for the
    /// field rule (<see cref="MultiChoiceValue"/>).
    /// </summary>
    private static bool TryReadOptions(JsonElement? element, CustomFieldDefinition definition, string path, ApiErrors errors, out string? text)
    {
        text = null;
        if (element is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return true;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"{definition.Label} takes a list of options, e.g. [\"{definition.Options.FirstOrDefault() ?? "option"}\"].");
            return false;
        }
        var options = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            // A line break would split one name into two options; no option has one.
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { } option || option.AsSpan().ContainsAny('\n', '\r'))
                errors.Add($"{path}[{index}]", $"Each option of {definition.Label} is one of: {string.Join(", ", definition.Options)}.");
            else options.Add(option);
            index++;
        }
        text = MultiChoiceValue.Text(options);
        return options.Count == index;
    }

    private List<int> ReadSubscriptions(List<string> keys, ApiErrors errors)
    {
        var ids = new List<int>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (lookups.CategoryByKey(keys[i]?.Trim() ?? "") is not { } category)
                errors.Add($"subscriptions[{i}]", $"There is no subscription category '{keys[i]}'.");
            else if (category.ArchivedAt is not null)
                errors.Add($"subscriptions[{i}]", $"The subscription category '{category.Key}' is archived and takes no new subscriptions.");
            else ids.Add(category.Id);
        }
        return ids;
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
