namespace ContactsAdmin.Data;

/// <summary>
/// One entry of the append-only log of what happened to an email address. The contact's email
/// status is a fold over these, ordered by time then id.
/// </summary>
public class EmailEvent
{
    public long Id { get; set; }
    /// <summary>The normalized (lower-cased) address the event belongs to.</summary>
    public string Address { get; set; } = "";
    /// <summary>The contact that held the address when the event was recorded, if any.</summary>
    public long? ContactId { get; set; }
    public EmailEventKind Kind { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>The message concerned (delivery results, complaints, unsubscribes).</summary>
    public string? MessageName { get; set; }
    /// <summary>Enhanced status code of a bounce, e.g. 5.1.1.</summary>
    public string? SmtpCode { get; set; }
    public string? Diagnostic { get; set; }
    public UnsubscribeReason? UnsubscribeReason { get; set; }
    public BlacklistReason? BlacklistReason { get; set; }
    public BlacklistScope? BlacklistScope { get; set; }
    /// <summary>Who acted (a user's email, an API key's name) for manual events.</summary>
    public string? Actor { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// An address on the blacklist. It belongs to the address, not to a contact: any contact whose email
/// becomes this address is blacklisted. Removal is recorded, never deleted, so history stays.
/// </summary>
public class BlacklistEntry
{
    public long Id { get; set; }
    public string Address { get; set; } = "";
    public BlacklistReason Reason { get; set; }
    public BlacklistScope Scope { get; set; }
    public DateTime AddedAt { get; set; }
    public string? AddedBy { get; set; }
    public string? Note { get; set; }

    public DateTime? RemovedAt { get; set; }
    public string? RemovedBy { get; set; }
    public string? RemovalNote { get; set; }

    public bool IsActive => RemovedAt is null;
}
