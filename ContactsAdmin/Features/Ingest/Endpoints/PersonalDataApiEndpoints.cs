using System.Security.Claims;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.Contacts.Erasing;
using ContactsAdmin.Features.Contacts.PersonalData;
using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Ingest.Endpoints;

/// <summary>Data-protection requests through the API: POST /contacts/erase and GET /contacts/{id}/data.</summary>
public static class PersonalDataApiEndpoints
{
    public static RouteGroupBuilder MapPersonalDataEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/contacts/erase", EraseAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.ContactsErase))
            .WithName("EraseContact").WithTags("Contacts")
            .WithSummary("Erase a contact for a data-protection request")
            .WithDescription("Names the contact by exactly one of id, email, phone or externalId. Everything personal goes: the " +
                             "contact with its identifiers, devices, custom field values, subscriptions, activities and change history, " +
                             "and its address's email events and blacklist entries. When the address was unsubscribed, reported spam " +
                             "or blacklisted, a one-way hash of the email and the phone keeps that state, so the same person sent again " +
                             "(API, form, import) is not mailable again. Answers 200 with what was kept, 404 when no contact matches. " +
                             "Needs the contacts:erase scope.")
            .AcceptsJson<ErasePayload>()
            .Produces<EraseResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(ApiExamples.Erase);

        api.MapGet("/contacts/{id:long}/data", DataAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.ContactsExportData))
            .WithName("ContactData").WithTags("Contacts")
            .WithSummary("Everything stored about a contact, as one JSON file")
            .WithDescription("The profile, identifiers, devices, custom fields, subscriptions, email status with the address's events " +
                             "and blacklist entries, activities with their details and the change history, streamed as " +
                             "contact-{id}-data.json; 404 when there is no such contact. Needs the contacts:export-data scope.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> EraseAsync(HttpRequest request, ApiRequestBody body, ContactErasure erasure, ContactIngest ingest,
        ClaimsPrincipal key, CancellationToken ct)
    {
        var (payload, problem) = await body.ReadAsync<ErasePayload>(request, ct);
        if (problem is not null) return problem;
        var errors = new ApiErrors();
        var given = new (string Field, bool Present)[]
        {
            ("id", payload!.Id is not null), ("email", !string.IsNullOrWhiteSpace(payload.Email)),
            ("phone", !string.IsNullOrWhiteSpace(payload.Phone)), ("externalId", !string.IsNullOrWhiteSpace(payload.ExternalId)),
        }.Where(g => g.Present).Select(g => g.Field).ToList();
        if (given.Count != 1)
        {
            errors.Add(given.Count == 0 ? "email" : given[1], "Name the contact by exactly one of id, email, phone or externalId.");
            return ApiProblems.Validation(errors);
        }
        string? email = null, phone = null;
        if (given[0] == "email") email = errors.Take("email", EmailRule.Check(payload.Email)) is { } e ? EmailRule.Key(e) : null;
        if (given[0] == "phone") phone = errors.Take("phone", PhoneRule.Check(payload.Phone, ingest.DefaultPhoneRegion));
        if (errors.Any) return ApiProblems.Validation(errors);

        var id = await erasure.FindAsync(payload.Id, payload.ExternalId?.Trim(), email, phone, ct);
        var outcome = id is null ? null : await erasure.EraseAsync(id.Value, ApiCaller.Actor(key).Name, ct);
        return outcome is null
            ? ApiProblems.NotFound("No contact has this identifier.")
            : TypedResults.Ok(new EraseResponse(outcome.ContactId, true, outcome.SuppressedStatus?.ToString(), outcome.SuppressedIdentifiers));
    }

    private static async Task<IResult> DataAsync(long id, HttpContext http, PersonalDataExport export)
    {
        if (!await export.ExistsAsync(id, http.RequestAborted)) return ApiProblems.NotFound($"There is no contact #{id}.");
        await PersonalDataEndpoints.StreamAsync(http, export, id);
        return Results.Empty;
    }
}
