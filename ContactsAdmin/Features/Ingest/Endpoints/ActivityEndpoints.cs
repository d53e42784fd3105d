using System.Security.Claims;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.Ingest.Payloads;

namespace ContactsAdmin.Features.Ingest.Endpoints;

/// <summary>POST /event, POST /events, POST /devices and POST /messages/status: what apps, websites and senders report.</summary>
public static class ActivityEndpoints
{
    public static RouteGroupBuilder MapActivityEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/event", RecordEventAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.EventsWrite))
            .WithName("RecordEvent").WithTags("Events")
            .WithSummary("Record an event the contact did")
            .WithDescription("Idempotent on keyValue: the same keyValue twice is stored once (201 the first time, 200 after). " +
                             "The contact is named in params by externalCustomerId, email, phone or deviceId; an unknown contact is created " +
                             "(source Event, or Order for order events). A deviceId alone must be registered with POST /devices first.")
            .AcceptsJson<EventPayload>()
            .Produces<EventResponse>(StatusCodes.Status201Created)
            .Produces<EventResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(ApiExamples.Event);

        api.MapPost("/events", RecordEventsAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.EventsWrite))
            .WithName("RecordEvents").WithTags("Events")
            .WithSummary($"Record up to {ApiOptions.MaxBulkEvents} events")
            .WithDescription("A JSON array of events (or { \"events\": [...] }), each as POST /event takes it. Each item is checked and stored on its own " +
                             "with the answer /event would give (201 created, 200 duplicate, 400 with the fields at fault, 409, 422); a bad item " +
                             "does not stop the others. Idempotent on keyValue within the request and across requests; an unknown contact " +
                             "named by several events is created once.")
            .AcceptsJson<List<EventPayload>>()
            .Produces<BulkEventsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithMetadata(ApiExamples.Events);

        api.MapPost("/devices", RegisterDeviceAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.DevicesWrite))
            .WithName("RegisterDevice").WithTags("Devices")
            .WithSummary("Register an app install or push token")
            .WithDescription("A new device without a signed-in user gets an anonymous contact (source MobileApp). When the device later arrives " +
                             "with externalUserId, the anonymous contact is merged into that user's contact: its devices, activities and " +
                             "subscriptions move over and no duplicate remains.")
            .AcceptsJson<DevicePayload>()
            .Produces<ContactWriteResponse>(StatusCodes.Status201Created)
            .Produces<ContactWriteResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithMetadata(ApiExamples.Device);

        api.MapPost("/messages/status", RecordMessageStatusAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.MessagesWrite))
            .WithName("RecordMessageStatus").WithTags("Messages")
            .WithSummary("Record a delivery result")
            .WithDescription("Becomes an activity of the contact and, for email, an email event: a hard bounce blacklists the address, " +
                             "a complaint marks it Reported spam, an unsubscribe unsubscribes it.")
            .AcceptsJson<MessageStatusPayload>()
            .Produces<MessageStatusResponse>(StatusCodes.Status201Created)
            .Produces<MessageStatusResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithMetadata(ApiExamples.MessageStatus);
        return api;
    }

    private static async Task<IResult> RecordEventAsync(HttpRequest request, ApiRequestBody body, EventIngest ingest, ClaimsPrincipal key, CancellationToken ct)
    {
        var (payload, problem) = await body.ReadAsync<EventPayload>(request, ct);
        if (problem is not null) return problem;
        return await ingest.RecordAsync(payload!, ApiCaller.Actor(key), ct) switch
        {
            EventOutcome.Recorded r when r.Created => TypedResults.Created((string?)null, new EventResponse(r.ActivityId, r.ContactId, false, r.ContactCreated)),
            EventOutcome.Recorded r => TypedResults.Ok(new EventResponse(r.ActivityId, r.ContactId, true, r.ContactCreated)),
            EventOutcome.Invalid invalid => ApiProblems.Validation(invalid.Errors),
            EventOutcome.Conflict conflict => ApiProblems.Conflict(conflict.Detail),
            EventOutcome.UnknownDevice unknown => ApiProblems.Unprocessable(UnknownDeviceTitle, UnknownDeviceDetail(unknown.DeviceId)),
            var other => throw new InvalidOperationException($"Unknown outcome {other}"),
        };
    }

    private static async Task<IResult> RecordEventsAsync(HttpRequest request, ApiRequestBody body, EventIngest ingest, ClaimsPrincipal key, CancellationToken ct)
    {
        var (document, problem) = await body.ReadDocumentAsync(request, ct);
        if (problem is not null) return problem;
        using (document)
        {
            var (items, refused) = BulkItems.Read<EventPayload>(document!.RootElement, "events", ApiOptions.MaxBulkEvents);
            if (refused is not null) return refused;
            var outcomes = await ingest.RecordManyAsync(items, ApiCaller.Actor(key), ct);
            var results = outcomes.Select(EventResult).ToList();
            var (created, existing, failed) = BulkItems.Tally([.. results.Select(r => r.Status)]);
            return TypedResults.Ok(new BulkEventsResponse(items.Count, created, existing, failed, results));
        }
    }

    private static BulkEventResult EventResult(EventOutcome outcome, int index) => outcome switch
    {
        EventOutcome.Recorded r => new(index, r.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, r.ActivityId, r.ContactId, !r.Created, r.ContactCreated),
        EventOutcome.Invalid invalid => new(index, StatusCodes.Status400BadRequest, Title: "The event has invalid fields", Errors: invalid.Errors.ToDictionary()),
        EventOutcome.Conflict conflict => new(index, StatusCodes.Status409Conflict, Title: ApiProblems.ConflictTitle,
            Detail: conflict.Detail.Detail, Contacts: [.. conflict.Detail.Contacts.Select(ConflictingContact.From)]),
        EventOutcome.UnknownDevice unknown => new(index, StatusCodes.Status422UnprocessableEntity, Title: UnknownDeviceTitle,
            Detail: UnknownDeviceDetail(unknown.DeviceId)),
        _ => throw new InvalidOperationException($"Unknown outcome {outcome}"),
    };

    private const string UnknownDeviceTitle = "The device is not registered";

    private static string UnknownDeviceDetail(string deviceId) =>
        $"No contact has the device '{deviceId}'. Register it with POST /api/v1/devices first, or name the contact by externalCustomerId, email or phone.";

    private static async Task<IResult> RegisterDeviceAsync(HttpRequest request, ApiRequestBody body, DeviceIngest ingest, ClaimsPrincipal key, CancellationToken ct)
    {
        var (payload, problem) = await body.ReadAsync<DevicePayload>(request, ct);
        if (problem is not null) return problem;
        return ContactEndpoints.WriteResult(await ingest.RegisterAsync(payload!, ApiCaller.Actor(key), ct));
    }

    private static async Task<IResult> RecordMessageStatusAsync(HttpRequest request, ApiRequestBody body, MessageStatusIngest ingest, CancellationToken ct)
    {
        var (payload, problem) = await body.ReadAsync<MessageStatusPayload>(request, ct);
        if (problem is not null) return problem;
        return await ingest.RecordAsync(payload!, ct) switch
        {
            MessageStatusOutcome.Recorded r when r.Created => TypedResults.Created((string?)null, new MessageStatusResponse(r.ActivityId, r.ContactId, false, r.EmailStatus)),
            MessageStatusOutcome.Recorded r => TypedResults.Ok(new MessageStatusResponse(r.ActivityId, r.ContactId, true, r.EmailStatus)),
            MessageStatusOutcome.Invalid invalid => ApiProblems.Validation(invalid.Errors),
            MessageStatusOutcome.Conflict conflict => ApiProblems.Conflict(conflict.Detail),
            MessageStatusOutcome.NotFound notFound => ApiProblems.NotFound(notFound.Detail),
            var other => throw new InvalidOperationException($"Unknown outcome {other}"),
        };
    }
}
