using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.Contacts.Validation;
using ContactsAdmin.Features.Ingest.Payloads;
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
/// POST /event: finds (or creates, with source Event or Order) the contact the parameters name, then stores
/// the activity through <see cref="ActivityRecorder"/>, which makes the keyValue idempotent.
/// </summary>
public sealed class EventIngest(IDbContextFactory<AppDbContext> dbFactory, ContactIngest contacts, ActivityRecorder activities)
{
    private static readonly string[] IdentifierParams = ["externalCustomerId", "email", "phone", "deviceId"];

    public async Task<EventOutcome> RecordAsync(EventPayload payload, ChangeActor actor, CancellationToken ct)
    {
        var errors = new ApiErrors();
        var eventType = errors.Take("eventTypeKey", EventTypeKeyRule.Check(payload.EventTypeKey));
        var keyValue = ContactPayloadReader.Text(payload.KeyValue, "keyValue", 200, errors);
        var occurredAt = ApiTime.Read(payload.OccurredAt, "occurredAt", contacts.Now, errors);
        var (identifiers, details) = ReadParams(payload.Params ?? [], errors);
        var channel = ReadChannel(payload.Channel, identifiers, errors);
        if (errors.Any) return new EventOutcome.Invalid(errors);

        var (contactId, contactCreated, stop) = await FindOrCreateContactAsync(identifiers, eventType, actor, ct);
        if (stop is not null) return stop;

        var recorded = await activities.RecordAsync(new ActivityInput(contactId, occurredAt, channel, eventType,
            Details: details.Count == 0 ? null : JsonSerializer.Serialize(details), EventKey: keyValue), ct);
        return new EventOutcome.Recorded(recorded.Id, recorded.Created, contactId, contactCreated);
    }

    /// <summary>The contact's id and whether it was created now, or the outcome that stops the event.</summary>
    private async Task<(long ContactId, bool Created, EventOutcome? Stop)> FindOrCreateContactAsync(ContactIdentifiers identifiers, string eventType, ChangeActor actor, CancellationToken ct)
    {
        // A read first: almost every event is about a contact the store already knows, and a read takes no write lock.
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var resolution = await IdentityResolver.ResolveAsync(db, identifiers, ct);
            if (resolution is Resolution.Conflict conflict) return (0, false, new EventOutcome.Conflict(conflict));
            if (resolution is Resolution.Found { AnonymousToMerge.Count: 0 } found) return (found.ContactId, false, null);
            if (resolution is Resolution.NotFound && identifiers is { ExternalId: null, Email: null, Phone: null })
                return (0, false, new EventOutcome.UnknownDevice(identifiers.DeviceIdList[0]));
        }
        // Unknown (or to be merged): the write path resolves again inside its transaction, so parallel
        // events about the same new person create it once.
        var outcome = await contacts.WriteAsync(ContactChangeSet.IdentifiersOnly(identifiers), IngestLookups.Empty, actor, EventSources.For(eventType), ct);
        return outcome switch
        {
            ContactWriteOutcome.Written written => (written.ContactId, written.Created, null),
            ContactWriteOutcome.Conflict conflict => (0, false, new EventOutcome.Conflict(conflict.Detail)),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}"),
        };
    }

    private (ContactIdentifiers Identifiers, Dictionary<string, JsonElement> Details) ReadParams(List<EventParameter> parameters, ApiErrors errors)
    {
        string? externalId = null, email = null, phone = null, deviceId = null;
        var details = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            var path = $"params[{i}]";
            var name = parameters[i]?.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 100) { errors.Add($"{path}.name", "Name the parameter (at most 100 characters)."); continue; }
            if (!JsonText.TryRead(parameters[i].Value, out var text)) { errors.Add($"{path}.value", "A parameter's value is a string, number or boolean."); continue; }

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
