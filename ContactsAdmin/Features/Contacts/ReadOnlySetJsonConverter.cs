using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// Reads and writes an <see cref="IReadOnlySet{T}"/> as a JSON array. System.Text.Json writes such a set but cannot read
/// it back (it cannot pick a class for the interface), and the grid's rows travel as JSON from the prerender into the
/// circuit (<see cref="GridFirstLoad"/>).
/// </summary>
public sealed class ReadOnlySetJsonConverter<T> : JsonConverter<IReadOnlySet<T>>
{
    public override IReadOnlySet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<HashSet<T>>(ref reader, options) ?? [];

    public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.AsEnumerable(), options);
}
