using System.Globalization;
using System.Text.Json;

namespace ContactsAdmin.Features.Jobs;

/// <summary>
/// The outcome counts a job keeps by name. The common names are here so an import and a bulk action count alike;
/// a job kind may add its own (shown with its name capitalised).
/// </summary>
public static class JobCounters
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Failed = "failed";

    private static readonly string[] Order = [Created, Updated, Unchanged, Failed];

    public static IReadOnlyDictionary<string, long> Read(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new Dictionary<string, long>() : JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [];

    public static string Write(IReadOnlyDictionary<string, long> counters) => JsonSerializer.Serialize(counters);

    /// <summary>The counts with <paramref name="more"/> added to them.</summary>
    public static Dictionary<string, long> Add(IReadOnlyDictionary<string, long> counters, IReadOnlyDictionary<string, long>? more)
    {
        var sum = new Dictionary<string, long>(counters, StringComparer.Ordinal);
        foreach (var (name, count) in more ?? new Dictionary<string, long>())
            sum[name] = sum.GetValueOrDefault(name) + count;
        return sum;
    }

    /// <summary>The counts in the order people read them: the common ones first, then the kind's own by name.</summary>
    public static IEnumerable<KeyValuePair<string, long>> InOrder(IReadOnlyDictionary<string, long> counters) =>
        counters.OrderBy(c => Array.IndexOf(Order, c.Key) is var i and >= 0 ? i : Order.Length).ThenBy(c => c.Key, StringComparer.Ordinal);

    public static string Label(string name) =>
        name.Length == 0 ? name : char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..];
}
