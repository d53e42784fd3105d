using System.Text.Encodings.Web;
using System.Text.Json;

namespace ContactsAdmin.Features.Demo;

/// <summary>Activity details as compact JSON; "&amp;" and non-ASCII stay readable in the database.</summary>
internal static class DemoJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(object details) => JsonSerializer.Serialize(details, Options);
}
