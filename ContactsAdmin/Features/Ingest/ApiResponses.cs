using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Profile.Changes;

namespace ContactsAdmin.Features.Ingest;

/// <summary>POST /contact and /devices: the contact written, whether it is new, and the anonymous contacts merged into it.</summary>
public sealed record ContactWriteResponse(long Id, bool Created, IReadOnlyList<long>? Merged = null);

/// <summary>POST /contacts: a result per item, in the order sent.</summary>
public sealed record BulkContactsResponse(int Received, int Created, int Updated, int Failed, IReadOnlyList<BulkItemResult> Results);

/// <summary>
/// One bulk item: Status 201 or 200 with Id when written; otherwise the status a single request would have got
/// (400 with Errors per field, 409 with the Contacts in conflict) and nothing of the item was written.
/// </summary>
public sealed record BulkItemResult(
    int Index,
    int Status,
    long? Id = null,
    bool? Created = null,
    string? Title = null,
    string? Detail = null,
    IDictionary<string, string[]>? Errors = null,
    IReadOnlyList<ConflictingContact>? Contacts = null);

/// <summary>POST /events: a result per item, in the order sent. Created counts new activities, Duplicates the items whose keyValue was stored before.</summary>
public sealed record BulkEventsResponse(int Received, int Created, int Duplicates, int Failed, IReadOnlyList<BulkEventResult> Results);

/// <summary>
/// One event of a bulk: Status 201 (stored now) or 200 (its keyValue was stored before, by an earlier request or an earlier
/// item of this one) with the activity and contact; otherwise the status POST /event would have answered (400 with Errors
/// per field, 409 with the Contacts in conflict, 422 for an unregistered device) and nothing of the item was stored.
/// </summary>
public sealed record BulkEventResult(
    int Index,
    int Status,
    long? ActivityId = null,
    long? ContactId = null,
    bool? Duplicate = null,
    bool? ContactCreated = null,
    string? Title = null,
    string? Detail = null,
    IDictionary<string, string[]>? Errors = null,
    IReadOnlyList<ConflictingContact>? Contacts = null);

/// <param name="Duplicate">True when the keyValue was stored before: nothing new was written.</param>
public sealed record EventResponse(long ActivityId, long ContactId, bool Duplicate, bool ContactCreated);

/// <param name="ActivityId">Null when no contact has the address; the email event was still recorded for the address.</param>
public sealed record MessageStatusResponse(long? ActivityId, long? ContactId, bool Duplicate, EmailStatus? EmailStatus);

public sealed record FormResponse(string Message, IReadOnlyList<string> Subscribed);

public static class ApiCaller
{
    /// <summary>The signed-in API key as the audit trail names it.</summary>
    public static ChangeActor Actor(ClaimsPrincipal key) => new(key.Identity?.Name ?? "API key", ChangeSource.ApiKey);
}
