using System.Buffers;
using System.Text.Json;
using ContactsAdmin.Features.Api;
using Microsoft.AspNetCore.Http.Features;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// Reads a request's JSON body: over the configured size it is refused with 413, malformed JSON with 400
/// naming where it broke. The endpoints read the body themselves (rather than by parameter binding) so each
/// failure gets a problem detail that says what to fix, and so a bulk request can read item by item.
/// </summary>
public sealed class ApiRequestBody(ApiOptions options)
{
    // A property sent twice ({"email": "a@x", "email": "b@x"}) is ambiguous: parsers disagree on which wins, so a
    // gateway that checked the first may let the second through. Refused when the body is parsed, for every endpoint.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = false, AllowDuplicateProperties = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>The body parsed into <typeparamref name="T"/>, or the problem to answer instead.</summary>
    public async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        var (document, problem) = await ReadDocumentAsync(request, ct);
        if (problem is not null) return (null, problem);
        using (document)
        {
            try
            {
                var value = document!.RootElement.Deserialize<T>(Json);
                return value is null ? (null, ApiProblems.MalformedJson("The body is empty; send a JSON object.")) : (value, null);
            }
            catch (JsonException e)
            {
                return (null, ApiProblems.MalformedJson(Describe(e)));
            }
        }
    }

    /// <summary>An HTML form post over the limit (its own reader has other limits).</summary>
    public IResult? CheckFormSize(HttpRequest request) =>
        request.ContentLength > options.MaxRequestBodyBytes ? ApiProblems.TooLarge(options.MaxRequestBodyBytes) : null;

    /// <summary>The body as a JSON document (the caller disposes it), or the problem to answer instead.</summary>
    public async Task<(JsonDocument? Document, IResult? Problem)> ReadDocumentAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return (null, ApiProblems.UnsupportedMediaType());
        var limit = options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
            return (null, ApiProblems.TooLarge(limit));
        // Let the server stop an oversized body of unknown length too (chunked uploads).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = limit;

        // Read into a rented buffer: every API call reads its body here, and a fresh 80 KB chunk (plus a growing
        // stream) per request was most of what a small request allocated. The document gets an exact-size copy.
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } length ? (int)length + 1 : 16 * 1024);
        var used = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(used), ct)) > 0)
            {
                used += read;
                if (used > limit) return (null, ApiProblems.TooLarge(limit));
                if (used < buffer.Length) continue;
                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1, buffer.Length * 2L));
                buffer.AsSpan(0, used).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            return (JsonDocument.Parse(buffer.AsSpan(0, used).ToArray(), DocumentOptions), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiProblems.TooLarge(limit));
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.MalformedJson(Describe(e)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string Describe(JsonException e)
    {
        var where = e.Path is { Length: > 1 } path ? $" at {path}" : "";
        var line = e.LineNumber is { } l ? $" (line {l + 1}, position {e.BytePositionInLine + 1})" : "";
        return $"The body is not valid JSON{where}{line}: {FirstSentence(e.Message)}";
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
