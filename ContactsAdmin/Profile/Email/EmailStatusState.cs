using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Email;

/// <summary>
/// What the fold over an address's email events concludes: the status shown (the strongest that holds),
/// every status that holds, the blacklistings the log produced and the current soft-bounce streak.
/// </summary>
public sealed record EmailStatusState(
    EmailStatus Status,
    DateTime? Since,
    string? Reason,
    BlacklistReason? BlacklistReason,
    BlacklistScope? BlacklistScope,
    IReadOnlyList<HeldEmailStatus> Holding,
    IReadOnlyList<Blacklisting> Blacklistings,
    int SoftBounceStreak)
{
    /// <summary>An address with no events: Active, with no date because nothing has happened to it yet.</summary>
    public static EmailStatusState NoEvents { get; } = new(EmailStatus.Active, null, null, null, null, [], [], 0);

    /// <summary>
    /// Writes the shown status to the contact's status columns (the grid filters on them). Use it only for a
    /// contact that has an email: the fold knows addresses, not contacts, so a contact without an email is the
    /// caller's job (EmailStatus.NoEmail and the other status columns null).
    /// </summary>
    public void ApplyTo(Contact contact)
    {
        contact.EmailStatus = Status;
        contact.EmailStatusSince = Since;
        contact.EmailStatusReason = Reason;
        contact.BlacklistReason = BlacklistReason;
        contact.BlacklistScope = BlacklistScope;
    }
}

/// <summary>One status that holds for the address, as the card lists it.</summary>
public sealed record HeldEmailStatus(
    EmailStatus Status,
    DateTime Since,
    string Reason,
    BlacklistReason? BlacklistReason = null,
    BlacklistScope? BlacklistScope = null);

/// <summary>
/// A time the address was put on the blacklist, and when it was taken off again if it was. The store keeps
/// one <see cref="BlacklistEntry"/> row per blacklisting; <see cref="ToEntry"/> makes that row.
/// </summary>
public sealed record Blacklisting(
    BlacklistReason Reason,
    BlacklistScope Scope,
    DateTime AddedAt,
    string? AddedBy,
    string? Note,
    string Explanation,
    DateTime? RemovedAt = null,
    string? RemovedBy = null,
    string? RemovalNote = null)
{
    public bool IsActive => RemovedAt is null;

    public BlacklistEntry ToEntry(string address) => new()
    {
        Address = address,
        Reason = Reason,
        Scope = Scope,
        AddedAt = AddedAt,
        AddedBy = AddedBy,
        Note = Note,
        RemovedAt = RemovedAt,
        RemovedBy = RemovedBy,
        RemovalNote = RemovalNote,
    };
}
