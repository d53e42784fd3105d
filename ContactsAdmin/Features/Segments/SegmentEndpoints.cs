using System.Globalization;
using System.Text.Json.Serialization;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.ApiKeys;

namespace ContactsAdmin.Features.Segments;

// The API leaves nulls out, but these say something when null (never counted, the last page): they are always sent.

/// <summary>A saved segment as the API lists it; times are UTC.</summary>
public sealed record SegmentApiView(
    int Id, string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? MemberCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTime? CountedAt,
    string CreatedBy, DateTime UpdatedAt);

/// <summary>A page of a segment's contact ids; pass <paramref name="Next"/> as <c>after</c> for the following page (null: the last page).</summary>
public sealed record SegmentContactsResponse(IReadOnlyList<long> ContactIds, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Next);

/// <summary>GET /segments and GET /segments/{id}/contacts: the saved audiences, for the systems that send to them.</summary>
public static class SegmentEndpoints
{
    public static RouteGroupBuilder MapSegmentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/segments", ListAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.SegmentsRead))
            .WithName("ListSegments").WithTags("Segments")
            .WithSummary("List the saved segments")
            .WithDescription("Every saved segment by name, with its member count as last counted (refreshed in the background; null until " +
                             "first counted) and when it was counted.")
            .Produces<List<SegmentApiView>>();

        api.MapGet("/segments/{id:int}/contacts", ContactsAsync)
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.SegmentsRead))
            .WithName("ListSegmentContacts").WithTags("Segments")
            .WithSummary("Page through a segment's contact ids")
            .WithDescription($"The ids of the contacts who meet the segment's conditions now, ascending, at most `limit` (default " +
                             $"{SegmentMembers.DefaultPageSize}, at most {SegmentMembers.MaxPageSize}) after the id `after`. Pass `next` as " +
                             "`after` for the following page; `next` is null on the last page. Reading marks the segment as used.")
            .Produces<SegmentContactsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(SegmentStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(s => new SegmentApiView(
            s.Id, s.Name, s.MemberCount, Utc(s.CountedAt), s.CreatedBy, Utc(s.UpdatedAt)!.Value)).ToList());

    private static async Task<IResult> ContactsAsync(int id, string? after, string? limit, SegmentMembers members, SegmentStore store, CancellationToken ct)
    {
        var errors = new ApiErrors();
        var pageSize = SegmentMembers.DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > SegmentMembers.MaxPageSize))
            errors.Add("limit", $"Send a whole number from 1 to {SegmentMembers.MaxPageSize}.");
        var afterId = 0L;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterId)))
            errors.Add("after", "Send the last contact id of the previous page (its next value).");
        if (errors.Any) return ApiProblems.Validation(errors, "Some fields are not valid; each is named with what to fix.");

        var page = await members.PageAsync(id, afterId, pageSize, ct);
        if (page is null)
            return ApiProblems.NotFound($"There is no segment #{id}.");
        await store.MarkUsedAsync(id, ct);
        return TypedResults.Ok(new SegmentContactsResponse(page.ContactIds, page.Next));
    }

    private static DateTime? Utc(DateTime? stored) => stored is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null;
}
