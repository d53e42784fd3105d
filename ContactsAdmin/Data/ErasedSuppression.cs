namespace ContactsAdmin.Data;

/// <summary>Which identifier of an erased contact a <see cref="ErasedSuppression"/> holds the hash of.</summary>
public enum SuppressedIdentifier { Email, Phone }

/// <summary>
/// What survives of an erased contact's email address or phone: a one-way hash (never the value) with the
/// unsubscribe or blacklist state the contact had, so the same person arriving again through a form, the API or
/// an import is not mailable again. One row per hashed identifier.
/// </summary>
public class ErasedSuppression
{
    /// <summary>Hex of a 256-bit hash.</summary>
    public const int HashLength = 64;

    public long Id { get; set; }
    public SuppressedIdentifier Kind { get; set; }
    /// <summary>The one-way hash of the normalized identifier (the email lower-cased, the phone in E.164).</summary>
    public string Hash { get; set; } = "";
    /// <summary>The email status the contact had when erased: Unsubscribed, ReportedSpam or Blacklisted.</summary>
    public EmailStatus EmailStatus { get; set; }
    /// <summary>Since when that status held (UTC).</summary>
    public DateTime? StatusSince { get; set; }
    public UnsubscribeReason? UnsubscribeReason { get; set; }
    public BlacklistReason? BlacklistReason { get; set; }
    public BlacklistScope? BlacklistScope { get; set; }
    public DateTime ErasedAt { get; set; }
}
