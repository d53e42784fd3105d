using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Ingest;

public abstract record EventOutcome
{
    /// <param name="Created">False when the keyValue was stored before (nothing new was written).</param>
    public sealed record Recorded(long ActivityId, bool Created, long ContactId, bool ContactCreated) : EventOutcome;
    public sealed record Invalid(ApiErrors Errors) : EventOutcome;
    public sealed record Conflict(Resolution.Conflict Detail) : EventOutcome;
    /// <summary>Only a device id names the contact and no device has it: devices are registered first.</summary>
    public sealed record UnknownDevice(string DeviceId) : EventOutcome;
}

/// <summary>
/// POST /event and POST /events: checks each event, then hands it to <see cref="EventWriter"/>, which finds (or creates, with source
/// Event or Order) the contact the parameters name and stores the activity, idempotent on the keyValue.
/// </summary>
public sealed class EventIngest(ContactIngest contacts, EventWriter writer)
{
    private static readonly string[] IdentifierParams = ["externalCustomerId", "email", "phone", "deviceId"];

    public async Task<EventOutcome> RecordAsync(EventPayload payload, ChangeActor actor, CancellationToken ct)
    {
        var (e, errors) = Check(payload, actor);
        return e is null ? new EventOutcome.Invalid(errors) : await writer.WriteAsync(e, ct);
    }

    /// <summary>
    /// POST /events: each item is checked on its own (an item whose JSON could not be read comes with its errors);
    /// the valid ones are stored together, each with the outcome it would have had alone, in the order sent.
    /// </summary>
    public async Task<IReadOnlyList<EventOutcome>> RecordManyAsync(IReadOnlyList<(EventPayload? Payload, ApiErrors? JsonErrors)> items,
        ChangeActor actor, CancellationToken ct)
    {
        var outcomes = new EventOutcome[items.Count];
        var valid = new List<(int Index, EventToStore Event)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var (payload, jsonErrors) = items[i];
            if (payload is null) { outcomes[i] = new EventOutcome.Invalid(jsonErrors!); continue; }
            var (e, errors) = Check(payload, actor);
            if (e is null) outcomes[i] = new EventOutcome.Invalid(errors);
            else valid.Add((i, e));
        }
        var stored = await writer.WriteManyAsync([.. valid.Select(v => v.Event)], ct);
        for (var i = 0; i < valid.Count; i++) outcomes[valid[i].Index] = stored[i];
        return outcomes;
    }

    /// <summary>The event to store, or the errors that refuse it (each named by its path in the payload).</summary>
    private (EventToStore? Event, ApiErrors Errors) Check(EventPayload payload, ChangeActor actor)
    {
        var errors = new ApiErrors();
        var eventType = errors.Take("eventTypeKey", EventTypeKeyRule.Check(payload.EventTypeKey));
        var keyValue = ContactPayloadReader.Text(payload.KeyValue, "keyValue", 200, errors);
        var occurredAt = ApiTime.Read(payload.OccurredAt, "occurredAt", contacts.Now, errors);
        var (identifiers, details) = ReadParams(payload.Params ?? [], errors);
        var channel = ReadChannel(payload.Channel, identifiers, errors);
        if (errors.Any) return (null, errors);

        var activity = new ActivityInput(0, occurredAt, channel, eventType!,
            Details: details.Count == 0 ? null : JsonSerializer.Serialize(details), EventKey: keyValue);
        return (new EventToStore(identifiers, activity, actor), errors);
    }

    private (ContactIdentifiers Identifiers, Dictionary<string, JsonElement> Details) ReadParams(List<EventParameter> parameters, ApiErrors errors)
    {
        string? externalId = null, email = null, phone = null, deviceId = null;
        var details = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (parameters.Count > EventLimits.MaxParameters)
        {
            errors.Add("params", $"Send at most {EventLimits.MaxParameters} parameters; this event has {parameters.Count}.");
            return (new ContactIdentifiers(), details);
        }
        for (var i = 0; i < parameters.Count; i++)
        {
            var path = $"params[{i}]";
            var name = parameters[i]?.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > EventLimits.MaxParameterNameLength)
            {
                errors.Add($"{path}.name", $"Name the parameter (at most {EventLimits.MaxParameterNameLength} characters).");
                continue;
            }
            if (TextRule.Check(name, "A parameter's name") is { } invisible) { errors.Add($"{path}.name", invisible); continue; }
            if (!JsonText.TryRead(parameters[i].Value, out var text)) { errors.Add($"{path}.value", "A parameter's value is a string, number or boolean."); continue; }
            if (text is { Length: > EventLimits.MaxParameterValueLength })
            {
                errors.Add($"{path}.value", $"A parameter's value can be at most {EventLimits.MaxParameterValueLength} characters; this one has {text.Length}.");
                continue;
            }

            var identifier = IdentifierParams.FirstOrDefault(p => p.Equals(name, StringComparison.OrdinalIgnoreCase));
            switch (identifier)
            {
                case "externalCustomerId": externalId = errors.Take($"{path}.value", ProfileRules.ExternalId(text)); break;
                case "email": email = errors.Take($"{path}.value", EmailRule.Check(text)); break;
                case "phone": phone = errors.Take($"{path}.value", PhoneRule.Check(text, contacts.DefaultPhoneRegion)); break;
                case "deviceId": deviceId = ContactPayloadReader.Text(text, $"{path}.value", 200, errors); break;
                default:
                    if (details.ContainsKey(name)) errors.Add($"{path}.name", $"The parameter '{name}' is sent twice.");
                    else if (parameters[i].Value is { } value) details[name] = value.Clone();
                    break;
            }
        }
        var identifiers = new ContactIdentifiers(externalId, email, phone, deviceId is null ? [] : [deviceId]);
        if (identifiers.IsEmpty && !errors.Any)
            errors.Add("params", "Name the contact with a parameter externalCustomerId, email, phone or deviceId.");
        return (identifiers, details);
    }

    private static ActivityChannel ReadChannel(string? input, ContactIdentifiers identifiers, ApiErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input))
            return identifiers.DeviceIdList.Count > 0 ? ActivityChannel.App : ActivityChannel.Website;
        if (Enum.TryParse<ActivityChannel>(input.Trim(), ignoreCase: true, out var channel) && Enum.IsDefined(channel) && !int.TryParse(input, out _))
            return channel;
        errors.Add("channel", $"Use one of: {string.Join(", ", Enum.GetNames<ActivityChannel>())}.");
        return ActivityChannel.Website;
    }
}

/// <summary>The source a contact first heard of through an event gets.</summary>
public static class EventSources
{
    /// <summary>Order for order events (OrderPlaced, Purchase, ...), Event for everything else.</summary>
    public static ContactSource For(string eventTypeKey) =>
        eventTypeKey.Contains("order", StringComparison.OrdinalIgnoreCase) || eventTypeKey.Contains("purchase", StringComparison.OrdinalIgnoreCase)
            ? ContactSource.Order
            : ContactSource.Event;
}
