using System.Globalization;
using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Email;

/// <summary>
/// The reason texts the card and the grid show, written for a marketer: what happened, when, and with which
/// message. Dates are "3 Mar 2026" whatever the server's culture, so stored texts do not depend on it.
/// </summary>
internal static class EmailStatusReasons
{
    // The contact's reason column holds 500 characters; a long admin note is cut well before that.
    private const int MaxLength = 500;
    private const int MaxQuotedLength = 200;

    public static string HardBounce(BlacklistReason reason, EmailEvent bounce) =>
        Fit($"Blacklisted: {Meaning(reason)} (hard bounce{Code(bounce.SmtpCode)} on {Day(bounce.OccurredAt)}{Message(bounce.MessageName)})");

    public static string SoftBounces(BlacklistReason reason, int count, TimeSpan window, EmailEvent last) =>
        Fit($"Blacklisted: {Meaning(reason)} ({count} soft bounces in a row within {Span(window)}, " +
            $"the last{Code(last.SmtpCode)} on {Day(last.OccurredAt)}{Message(last.MessageName)})");

    public static string SpamTrapHit(EmailEvent hit) =>
        Fit($"Blacklisted: {Meaning(BlacklistReason.SpamTrap)} (hit on {Day(hit.OccurredAt)}{Message(hit.MessageName)})");

    public static string BlacklistAdded(BlacklistReason reason, EmailEvent added)
    {
        var chosen = reason == BlacklistReason.Manual ? "" : $" because {Meaning(reason)}";
        return Fit($"Blacklisted by {added.Actor ?? "an admin"} on {Day(added.OccurredAt)}{chosen}{NoteOf(added)}");
    }

    public static string SpamComplaint(EmailEvent complaint) =>
        Fit($"Reported spam on {Day(complaint.OccurredAt)}{MessageAside(complaint.MessageName)}");

    public static string Unsubscribed(EmailEvent unsubscribe) =>
        Fit($"Unsubscribed {How(unsubscribe.UnsubscribeReason, unsubscribe.Actor)}on {Day(unsubscribe.OccurredAt)}{MessageAside(unsubscribe.MessageName)}{NoteOf(unsubscribe)}");

    public static string Resubscribed(EmailEvent resubscribe) =>
        Fit($"Resubscribed on {Day(resubscribe.OccurredAt)}{By(resubscribe.Actor)}");

    public static string BlacklistRemoved(EmailEvent removal) =>
        Fit($"Removed from the blacklist on {Day(removal.OccurredAt)}{By(removal.Actor)}{NoteOf(removal)}");

    private static string Meaning(BlacklistReason reason) => reason switch
    {
        BlacklistReason.NonExistentAddress => "the address does not exist",
        BlacklistReason.InactiveAddress => "the address is inactive",
        BlacklistReason.MailboxFull => "the mailbox is full",
        BlacklistReason.SpamTrap => "the address is a spam trap",
        _ => "it was added by hand",
    };

    private static string How(UnsubscribeReason? reason, string? actor) => reason switch
    {
        UnsubscribeReason.UnsubscribeLink => "via the unsubscribe link ",
        UnsubscribeReason.ListUnsubscribeHeader => "via the mail client's unsubscribe button (List-Unsubscribe header) ",
        UnsubscribeReason.PreferenceCentre => "in the preference centre ",
        UnsubscribeReason.ByUserOnRequest => $"by {actor ?? "a user"} on the contact's request ",
        UnsubscribeReason.Api => actor is null ? "through the API " : $"through the API ({actor}) ",
        UnsubscribeReason.Import => actor is null ? "by an import " : $"by an import ({actor}) ",
        _ => "",
    };

    private static string Day(DateTime when) => when.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Code(string? smtpCode) => string.IsNullOrWhiteSpace(smtpCode) ? "" : " " + smtpCode.Trim();

    private static string Message(string? messageName) =>
        string.IsNullOrWhiteSpace(messageName) ? "" : $", message '{Quote(messageName)}'";

    private static string MessageAside(string? messageName) =>
        string.IsNullOrWhiteSpace(messageName) ? "" : $" (message '{Quote(messageName)}')";

    private static string NoteOf(EmailEvent e) => string.IsNullOrWhiteSpace(e.Note) ? "" : $": {Quote(e.Note)}";

    private static string By(string? actor) => actor is null ? "" : $" by {actor}";

    private static string Span(TimeSpan window) => window.TotalDays >= 1 && window.TotalDays % 1 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalDays:0} day{(window.TotalDays == 1 ? "" : "s")}")
        : string.Create(CultureInfo.InvariantCulture, $"{window.TotalHours:0.#} hours");

    private static string Quote(string text) =>
        text.Length <= MaxQuotedLength ? text.Trim() : text[..(MaxQuotedLength - 1)].TrimEnd() + "…";

    private static string Fit(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
}
