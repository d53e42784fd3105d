using System.Globalization;
using System.Text.RegularExpressions;
using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Email;

/// <summary>Reads the enhanced status code of a bounce (RFC 3463: class.subject.detail, e.g. 5.1.1).</summary>
internal static partial class SmtpCodes
{
    /// <summary>Rules 1 to 3: what a hard bounce says about the address.</summary>
    public static BlacklistReason HardBounceReason(EmailEvent bounce) => EnhancedCode(bounce) switch
    {
        (_, 1, _) => BlacklistReason.NonExistentAddress,   // 5.1.x: bad mailbox or domain
        (_, 2, 2) => BlacklistReason.MailboxFull,          // 5.2.2
        _ => BlacklistReason.InactiveAddress,              // anything else, e.g. 5.2.1 mailbox disabled
    };

    /// <summary>Rule 4: a streak of soft bounces means a full mailbox when its last code is x.2.2.</summary>
    public static BlacklistReason SoftBounceStreakReason(EmailEvent lastBounce) => EnhancedCode(lastBounce) switch
    {
        (_, 2, 2) => BlacklistReason.MailboxFull,
        _ => BlacklistReason.InactiveAddress,
    };

    // Senders report the code on its own ("5.1.1") or inside the server's reply ("550 5.1.1 user unknown");
    // look in the code first, then in the diagnostic.
    private static (int Class, int Subject, int Detail)? EnhancedCode(EmailEvent bounce)
    {
        foreach (var text in new[] { bounce.SmtpCode, bounce.Diagnostic })
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var match = EnhancedCodePattern().Match(text);
            if (match.Success)
                return (Number(match.Groups[1]), Number(match.Groups[2]), Number(match.Groups[3]));
        }
        return null;
    }

    private static int Number(Group digits) => int.Parse(digits.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b([245])\.(\d{1,3})\.(\d{1,3})\b")]
    private static partial Regex EnhancedCodePattern();
}
