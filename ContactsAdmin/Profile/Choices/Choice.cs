namespace ContactsAdmin.Profile.Choices;

/// <summary>One entry of a picker: the text stored (a code) and how a person reads it.</summary>
public sealed record Choice(string Value, string Label);

/// <summary>Finding entries in a picker's list as a person types.</summary>
public static class ChoiceSearch
{
    /// <summary>The entry stored as <paramref name="value"/>, ignoring case; null when the list has none.</summary>
    public static Choice? Find(IReadOnlyList<Choice> choices, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : choices.FirstOrDefault(c => string.Equals(c.Value, value.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The entries whose label holds the typed text (a space also matches the underscore of "New_York"); those whose
    /// code starts with it come first, so "uk" puts Ukrainian before Dukha. No text: the whole list.
    /// </summary>
    public static IEnumerable<Choice> Matching(IReadOnlyList<Choice> choices, string? text)
    {
        var typed = text?.Trim() ?? "";
        if (typed.Length == 0) return choices;
        var underscored = typed.Replace(' ', '_');
        return choices
            .Where(c => c.Label.Contains(typed, StringComparison.OrdinalIgnoreCase) || c.Label.Contains(underscored, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Value.StartsWith(underscored, StringComparison.OrdinalIgnoreCase) ? 0 : 1);
    }
}
