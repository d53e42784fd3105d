namespace ContactsAdmin.Features.CustomFields;

/// <summary>
/// What an edit of a list field's options does to the options contacts hold: each kept option the Admin renamed moves
/// its values to the new name; the options no longer listed are removed (their values need a replacement).
/// </summary>
public sealed record OptionMoves(IReadOnlyList<KeyValuePair<string, string?>> Renamed, IReadOnlyList<string> Removed)
{
    /// <param name="current">The options as stored.</param>
    /// <param name="drafts">The options as the Admin left them, each naming the option it was.</param>
    /// <param name="names">The drafts' names, checked and trimmed, in the same order.</param>
    public static OptionMoves Plan(IReadOnlyList<string> current, IReadOnlyList<OptionDraft> drafts, IReadOnlyList<string> names)
    {
        var renamed = new List<KeyValuePair<string, string?>>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < drafts.Count && i < names.Count; i++)
        {
            // An option is kept once: a second draft claiming the same original is a new option.
            if (drafts[i].Original is not { } original || !current.Contains(original, StringComparer.Ordinal) || !kept.Add(original)) continue;
            if (!string.Equals(original, names[i], StringComparison.Ordinal)) renamed.Add(new(original, names[i]));
        }
        return new OptionMoves(renamed, [.. current.Where(o => !kept.Contains(o))]);
    }
}
