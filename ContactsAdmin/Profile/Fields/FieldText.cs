namespace ContactsAdmin.Profile.Fields;

/// <summary>How field values compare as text: blank and missing are the same, surrounding spaces do not count.</summary>
public static class FieldText
{
    public static string? Normal(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static bool Same(string? a, string? b) => Normal(a) == Normal(b);

    /// <summary>Keys whose text differs between two versions of a contact's fields.</summary>
    public static IEnumerable<FieldKey> Differences(IReadOnlyDictionary<FieldKey, string?> before, IReadOnlyDictionary<FieldKey, string?> after) =>
        before.Keys.Union(after.Keys).Where(key => !Same(before.GetValueOrDefault(key), after.GetValueOrDefault(key)));
}
