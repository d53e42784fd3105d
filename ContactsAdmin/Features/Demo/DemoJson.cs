using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ContactsAdmin.Features.Demo;

/// <summary>Activity details as compact JSON; "&amp;" and non-ASCII stay readable in the database.</summary>
internal static class DemoJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly ConcurrentDictionary<object, string> Serialized = new();

    public static string Of(object details) => JsonSerializer.Serialize(details, Options);

    /// <summary>
    /// The same, serialized once per distinct value: for details made only of the demo's fixed lists (a message's
    /// link, an error text), which repeat across millions of activities. Anonymous objects compare by value.
    /// </summary>
    public static string Cached(object details) => Serialized.GetOrAdd(details, Of);
}
