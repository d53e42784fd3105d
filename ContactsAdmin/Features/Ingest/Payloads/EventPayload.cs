using System.ComponentModel;
using System.Text.Json;

namespace ContactsAdmin.Features.Ingest.Payloads;

/// <summary>Something a contact did in the app or on the website.</summary>
public sealed class EventPayload
{
    [Description("The event type, e.g. AddToCart: at most 100 characters, none of < > ; ' \\ / | \" ` ^ ? ! ,")]
    public string? EventTypeKey { get; init; }
    [Description("Your id of this event (at most 200 characters): the same keyValue twice is stored once.")]
    public string? KeyValue { get; init; }
    [Description("ISO 8601 with an offset, e.g. 2026-03-03T10:15:00Z, at most 10 years ago and a day ahead; now when left out.")]
    public string? OccurredAt { get; init; }
    [Description("App or Website (or another activity channel); App when the contact is named by deviceId, else Website.")]
    public string? Channel { get; init; }
    [Description("Event parameters (at most 100). Name the contact with one of externalCustomerId, email, phone or deviceId.")]
    public List<EventParameter>? Params { get; init; }
}

public sealed class EventParameter
{
    [Description("At most 100 characters.")]
    public string? Name { get; init; }
    [Description("A string, number or boolean, at most 1000 characters.")]
    public JsonElement? Value { get; init; }
}
