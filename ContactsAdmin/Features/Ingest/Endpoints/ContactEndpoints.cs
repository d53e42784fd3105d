using System.Globalization;
using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.Contacts.Deleting;
using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Ingest.Endpoints;

/// <summary>POST /contact, POST /contacts, GET and DELETE /contacts/{id}, GET /contacts?email=|phone=|externalId= and GET /contacts (a page of all).</summary>
public static class ContactEndpoints
{
    public static RouteGroupBuilder MapContactEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/contact", WriteOneAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.ContactsWrite))
            .WithName("UpsertContact").WithTags("Contacts")
            .WithSummary("Add or update one contact")
            .WithDescription("Finds the contact by External ID, then email, then phone, then push token; creates it (source Api) when none matches. " +
                             "Fields left out keep their values. Answers 201 when created, 200 when updated.")
            .AcceptsJson<ContactPayload>()
            .Produces<ContactWriteResponse>(StatusCodes.Status201Created)
            .Produces<ContactWriteResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithMetadata(ApiExamples.Contact);

        api.MapPost("/contacts", WriteManyAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.ContactsWrite))
            .WithName("UpsertContacts").WithTags("Contacts")
            .WithSummary($"Add or update up to {ApiOptions.MaxBulkContacts} contacts")
            .WithDescription("A JSON array of contacts (or { \"contacts\": [...] }). Each item is checked and written on its own: " +
                             "a bad item is reported by its index and does not stop the others.")
            .AcceptsJson<List<ContactPayload>>()
            .Produces<BulkContactsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithMetadata(ApiExamples.Contacts);

        api.MapGet("/contacts/{id:long}", GetAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.ContactsRead))
            .WithName("GetContact").WithTags("Contacts")
            .WithSummary("A contact by its id")
            .Produces<ContactView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/contacts/{id:long}", DeleteAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.ContactsDelete))
            .WithName("DeleteContact").WithTags("Contacts")
            .WithSummary("Delete a contact")
            .WithDescription("Deletes the contact with its devices, custom field values, subscriptions, activities and change history; " +
                             "answers 204, or 404 when there is no such contact. The address's email events (its unsubscribes and " +
                             "blacklisting) stay, so the same address sent again is not mailable again. Needs the contacts:delete scope.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/contacts", FindOrListAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.ContactsRead))
            .WithName("FindOrListContacts").WithTags("Contacts")
            .WithSummary("Every contact a page at a time, or one contact by email, phone or externalId")
            .WithDescription(
                "With one of email, phone or externalId: that contact (a ContactView), or 404. " +
                $"Without: a page of contacts {{ \"items\": [...], \"next\": cursor or null }}, at most `limit` (default {ContactCursor.DefaultLimit}, " +
                $"at most {ContactCursor.MaxLimit}); pass `next` as `after` for the following page (the Link header has its URL). " +
                "Contacts come by id, `after` being the last id seen. With `updatedSince` (ISO 8601) only contacts created or changed " +
                "since then come, oldest change first, and `after` is the cursor `next` gave: a contact changed while you page comes again " +
                "at the end with its new values. For the next incremental sync, use as `updatedSince` the time the previous one started, " +
                "less a minute.")
            .Produces<ContactPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> WriteOneAsync(HttpRequest request, ApiRequestBody body, ContactIngest ingest, ClaimsPrincipal key, CancellationToken ct)
    {
        var (payload, problem) = await body.ReadAsync<ContactPayload>(request, ct);
        if (problem is not null) return problem;
        var outcome = await ingest.WriteAsync(payload!, ApiCaller.Actor(key), ContactSource.Api, ct);
        return WriteResult(outcome);
    }

    /// <summary>The answer to one contact write (POST /contact, POST /devices).</summary>
    public static IResult WriteResult(ContactWriteOutcome outcome) => outcome switch
    {
        ContactWriteOutcome.Written { Created: true } w => TypedResults.Created($"/api/v1/contacts/{w.ContactId}", Response(w)),
        ContactWriteOutcome.Written w => TypedResults.Ok(Response(w)),
        ContactWriteOutcome.Invalid invalid => ApiProblems.Validation(invalid.Errors),
        ContactWriteOutcome.Conflict conflict => ApiProblems.Conflict(conflict.Detail),
        ContactWriteOutcome.Failed failed => ApiProblems.Problem(StatusCodes.Status500InternalServerError, "not-stored", "The contact could not be stored", failed.Detail),
        _ => throw new InvalidOperationException($"Unknown outcome {outcome}"),
    };

    private static ContactWriteResponse Response(ContactWriteOutcome.Written w) =>
        new(w.ContactId, w.Created, w.Merged.Count == 0 ? null : [.. w.Merged.Select(m => m.FromId)]);

    private static async Task<IResult> WriteManyAsync(HttpRequest request, ApiRequestBody body, ContactIngest ingest, ClaimsPrincipal key, CancellationToken ct)
    {
        var (document, problem) = await body.ReadDocumentAsync(request, ct);
        if (problem is not null) return problem;
        using (document)
        {
            var (items, refused) = BulkItems.Read<ContactPayload>(document!.RootElement, "contacts", ApiOptions.MaxBulkContacts);
            if (refused is not null) return refused;
            var outcomes = await ingest.WriteManyAsync(items, ApiCaller.Actor(key), ContactSource.Api, ct);
            var results = outcomes.Select(ItemResult).ToList();
            var (created, existing, failed) = BulkItems.Tally([.. results.Select(r => r.Status)]);
            return TypedResults.Ok(new BulkContactsResponse(items.Count, created, existing, failed, results));
        }
    }

    private static BulkItemResult ItemResult(ContactWriteOutcome outcome, int index) => outcome switch
    {
        ContactWriteOutcome.Written w => new(index, w.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, w.ContactId, w.Created),
        ContactWriteOutcome.Invalid invalid => new(index, StatusCodes.Status400BadRequest, Title: "The contact has invalid fields", Errors: invalid.Errors.ToDictionary()),
        ContactWriteOutcome.Conflict conflict => new(index, StatusCodes.Status409Conflict, Title: ApiProblems.ConflictTitle,
            Detail: conflict.Detail.Detail, Contacts: [.. conflict.Detail.Contacts.Select(ConflictingContact.From)]),
        ContactWriteOutcome.Failed failed => new(index, StatusCodes.Status500InternalServerError, Title: "The contact could not be stored", Detail: failed.Detail),
        _ => throw new InvalidOperationException($"Unknown outcome {outcome}"),
    };

    private static async Task<IResult> DeleteAsync(long id, ClaimsPrincipal key, ContactDeletion deletion, CancellationToken ct) =>
        await deletion.DeleteAsync(id, ApiCaller.Actor(key).Name, ct) is null
            ? ApiProblems.NotFound($"There is no contact #{id}.")
            : TypedResults.NoContent();

    private static async Task<IResult> GetAsync(long id, ContactApiQueries queries, CancellationToken ct) =>
        await queries.ByIdAsync(id, ct) is { } contact ? TypedResults.Ok(contact) : ApiProblems.NotFound($"There is no contact #{id}.");

    private static async Task<IResult> FindOrListAsync(string? email, string? phone, string? externalId,
        string? limit, string? after, string? updatedSince, HttpRequest request,
        ContactApiQueries queries, ContactListing listing, ContactIngest ingest, CancellationToken ct)
    {
        var given = new[] { email, phone, externalId }.Count(v => !string.IsNullOrWhiteSpace(v));
        var paging = new[] { limit, after, updatedSince }.Any(v => v is not null);
        if (given == 0) return await ListAsync(limit, after, updatedSince, request, listing, ct);
        var errors = new ApiErrors();
        if (paging)
        {
            errors.Add(limit is not null ? "limit" : after is not null ? "after" : "updatedSince",
                "Page through all contacts without email, phone or externalId; a look-up by one of them answers one contact.");
            return ApiProblems.Validation(errors);
        }
        if (given != 1)
        {
            errors.Add("email", "Look a contact up by exactly one of email, phone or externalId.");
            return ApiProblems.Validation(errors);
        }
        ContactView? contact;
        if (!string.IsNullOrWhiteSpace(email))
        {
            var check = errors.Take("email", EmailRule.Check(email));
            contact = errors.Any ? null : await queries.ByEmailAsync(check!, ct);
        }
        else if (!string.IsNullOrWhiteSpace(phone))
        {
            var check = errors.Take("phone", PhoneRule.Check(phone, ingest.DefaultPhoneRegion));
            contact = errors.Any ? null : await queries.ByPhoneAsync(check!, ct);
        }
        else
        {
            contact = await queries.ByExternalIdAsync(externalId!.Trim(), ct);
        }
        if (errors.Any) return ApiProblems.Validation(errors);
        return contact is null ? ApiProblems.NotFound("No contact has this identifier.") : TypedResults.Ok(contact);
    }

    /// <summary>GET /contacts without an identifier: a page of every contact (see <see cref="ContactCursor"/> for the order).</summary>
    private static async Task<IResult> ListAsync(string? limitText, string? after, string? updatedSinceText, HttpRequest request,
        ContactListing listing, CancellationToken ct)
    {
        var errors = new ApiErrors();
        var limit = ContactCursor.DefaultLimit;
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > ContactCursor.MaxLimit))
            errors.Add("limit", $"Send a whole number from 1 to {ContactCursor.MaxLimit}.");
        DateTime? updatedSince = null;
        if (updatedSinceText is not null)
        {
            if (DateTimeOffset.TryParse(updatedSinceText.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
                updatedSince = DateTime.SpecifyKind(since.UtcDateTime, DateTimeKind.Unspecified);
            else
                errors.Add("updatedSince", "Send the time as ISO 8601, e.g. 2026-03-03T10:15:00Z.");
        }
        var cursor = errors.Any ? null : ContactCursor.Read(updatedSince, after);
        if (!errors.Any && cursor is null)
            errors.Add("after", updatedSince is null
                ? "Send the id of the last contact of the previous page (its next value)."
                : "Send the next value of the previous page, with the same updatedSince.");
        if (errors.Any) return ApiProblems.Validation(errors);

        var page = await listing.PageAsync(cursor!, limit, ct);
        if (page.Next is { } next)
        {
            var query = QueryString.Create([
                new("limit", limit.ToString(CultureInfo.InvariantCulture)),
                .. updatedSinceText is null ? [] : new KeyValuePair<string, string?>[] { new("updatedSince", updatedSinceText) },
                new("after", next),
            ]);
            request.HttpContext.Response.Headers.Link = $"<{request.PathBase}{request.Path}{query}>; rel=\"next\"";
        }
        return TypedResults.Ok(page);
    }
}
