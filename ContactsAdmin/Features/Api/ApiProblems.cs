using System.Globalization;
using ContactsAdmin.Profile.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ContactsAdmin.Features.Api;

/// <summary>The RFC 7807 problem details the API answers with, one place so titles and types stay alike.</summary>
public static class ApiProblems
{
    private const string TypeBase = "https://contactsadmin.local/problems/";

    /// <summary>A 409's title, also on the items of a bulk answer.</summary>
    public const string ConflictTitle = "The identifiers belong to different contacts";

    public static IResult Validation(ApiErrors errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), detail ?? "Some fields are not valid; each is named with what to fix. Nothing was written.",
            title: "The request has invalid fields", type: TypeBase + "validation");

    public static IResult Conflict(Resolution.Conflict conflict) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Type = TypeBase + "identity-conflict",
        Title = ConflictTitle,
        Detail = conflict.Detail,
        Extensions = { ["contacts"] = conflict.Contacts.Select(ConflictingContact.From).ToList() },
    });

    public static IResult MalformedJson(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "malformed-json", "The body is not valid JSON", detail);

    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "too-large", "The body is too large",
            $"Send at most {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes; split a larger batch into several requests.");

    public static IResult UnsupportedMediaType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send JSON", "Send the body as JSON with Content-Type: application/json.");

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    public static IResult Unprocessable(string title, string detail) => Problem(StatusCodes.Status422UnprocessableEntity, "unprocessable", title, detail);

    public static IResult Problem(int status, string type, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypeBase + type);
}

/// <summary>A contact named in an identity conflict: which identifier of the request it holds.</summary>
public sealed record ConflictingContact(long Id, string Name, string MatchedBy, string Value)
{
    public static ConflictingContact From(IdentifierMatch match) =>
        new(match.ContactId, match.ContactName, IdentityResolver.Label(match.Kind), match.Value);
}
