namespace ContactsAdmin.Profile.Changes;

/// <summary>
/// The one audit entry of a contact a write creates (the API, its bulk path, an import): its creation and each value it
/// was created with as "label: value", in the order set, e.g. "Created (source Import): Email: ann@example.com; First name:
/// Ann; Subscription: News: Subscribed". One entry rather than one per field: an import of a million rows would otherwise
/// write thirteen million, and the card's history shows the new contact's values in one line.
/// </summary>
public sealed class CreationAudit
{
    /// <summary>The entry's field, as the card's history names a contact's creation.</summary>
    public const string Field = "Contact";

    private readonly string created;
    private readonly List<(string Field, string? Value)> values = [];

    /// <param name="lines">A new contact's lines from <see cref="ContactUpserter.Finish"/>: its creation, then a line per value.</param>
    public CreationAudit(IReadOnlyList<(string Field, string? From, string? To)> lines)
    {
        created = lines[0].To ?? "Created";
        Add(lines.Skip(1));
    }

    /// <summary>
    /// Later changes in the same write (an import row's subscriptions): a field written again keeps its place and shows
    /// its last value, and one cleared again is left out (the contact was created without it).
    /// </summary>
    public void Add(IEnumerable<(string Field, string? From, string? To)> lines)
    {
        foreach (var (field, _, value) in lines)
        {
            var at = values.FindIndex(v => v.Field == field);
            if (at < 0) values.Add((field, value));
            else values[at] = (field, value);
        }
    }

    /// <summary>The entry's new value (cut to the column's length where the entry is made, <see cref="ContactChanges.Audit"/>).</summary>
    public string Text()
    {
        var set = values.Where(v => v.Value is not null).Select(v => $"{v.Field}: {v.Value}").ToList();
        return set.Count == 0 ? created : $"{created}: {string.Join("; ", set)}";
    }
}
