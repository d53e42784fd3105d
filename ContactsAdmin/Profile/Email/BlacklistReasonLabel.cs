using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Email;

public static class BlacklistReasonLabel
{
    /// <summary>The reasons an Admin picks from when adding an address by hand, wherever they add it (blacklist page, card).</summary>
    public static IReadOnlyList<BlacklistReason> Choosable { get; } =
        [BlacklistReason.Manual, BlacklistReason.NonExistentAddress, BlacklistReason.InactiveAddress, BlacklistReason.MailboxFull, BlacklistReason.SpamTrap];

    /// <summary>How a blacklist reason reads on screen.</summary>
    public static string Of(BlacklistReason reason) => reason switch
    {
        BlacklistReason.NonExistentAddress => "Non-existent address",
        BlacklistReason.InactiveAddress => "Inactive address",
        BlacklistReason.MailboxFull => "Mailbox full",
        BlacklistReason.SpamTrap => "Spam trap",
        _ => "Manual",
    };

    /// <summary>Why an automatic entry was added, as the removal confirmation shows it.</summary>
    public static string WhyAdded(BlacklistEntry entry) =>
        $"Added automatically on {entry.AddedAt:d MMM yyyy} as {Of(entry.Reason)}{(entry.Note is { Length: > 0 } note ? $": {note}" : "")}.";
}
