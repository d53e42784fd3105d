using System.Text.Json;
using ContactsAdmin.Features.Api;

namespace ContactsAdmin.Features.Ingest.Endpoints;

/// <summary>Reading the items of a bulk request (POST /contacts, POST /events): each item on its own, so a bad one is reported by its index.</summary>
public static class BulkItems
{
    /// <summary>
    /// The items of a JSON array (or of an object's <paramref name="listName"/> array), each a payload or the reason its
    /// JSON could not be read; or the problem to answer instead when the body is no such list or holds more than
    /// <paramref name="max"/> items.
    /// </summary>
    public static (IReadOnlyList<(T? Payload, ApiErrors? JsonErrors)> Items, IResult? Problem) Read<T>(JsonElement root, string listName, int max) where T : class
    {
        var noun = listName[..^1];
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(listName, out var wrapped)) root = wrapped;
        if (root.ValueKind != JsonValueKind.Array)
            return ([], ApiProblems.Problem(StatusCodes.Status400BadRequest, "not-a-list", $"Send a list of {listName}",
                $"The body is a JSON array of {listName}, or an object with a \"{listName}\" array."));
        var count = root.GetArrayLength();
        if (count > max)
            return ([], ApiProblems.Problem(StatusCodes.Status400BadRequest, "too-many-items", $"Too many {listName}",
                $"Send at most {max} {listName} per request; this one has {count}."));
        return ([.. root.EnumerateArray().Select(item => ReadItem<T>(item, noun))], null);
    }

    /// <summary>How many items were stored new (201), found stored already (200), and refused (4xx/5xx).</summary>
    public static (int New, int Existing, int Failed) Tally(IReadOnlyCollection<int> statuses) =>
        (statuses.Count(s => s == StatusCodes.Status201Created), statuses.Count(s => s == StatusCodes.Status200OK), statuses.Count(s => s >= 400));

    private static (T?, ApiErrors?) ReadItem<T>(JsonElement item, string noun) where T : class
    {
        var errors = new ApiErrors();
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", $"Each {noun} is a JSON object.");
            return (null, errors);
        }
        try
        {
            return (item.Deserialize<T>(ApiRequestBody.Json), null);
        }
        catch (JsonException e)
        {
            // The path inside the item, as a single request would name it (firstName, params[0].name).
            var path = e.Path is { Length: > 2 } p ? p[2..] : "$";
            errors.Add(path, "The value has the wrong type for this field (for example a number where text belongs).");
            return (null, errors);
        }
    }
}
