namespace ContactsAdmin.Data;

/// <summary>
/// Two contacts that look like the same person, found by the duplicates scan: why (e.g. the same email once dots and
/// a plus-tag are ignored, or the same name and city) and how sure the match is. <see cref="FirstId"/> is the lower
/// id; deleting either contact deletes the pair.
/// </summary>
public class DuplicatePair
{
    public const int ReasonMaxLength = 200;

    public long Id { get; set; }
    public long FirstId { get; set; }
    public long SecondId { get; set; }
    /// <summary>What the two share, as shown to users.</summary>
    public string Reason { get; set; } = "";
    /// <summary>How sure the match is, 0 to 100: the list is ranked by it.</summary>
    public int Score { get; set; }
    public DateTime FoundAt { get; set; }
    /// <summary>Set when a user said the two are different people: the scan does not offer the pair again.</summary>
    public DateTime? DismissedAt { get; set; }
}
