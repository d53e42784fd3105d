namespace ContactsAdmin.Data;

/// <summary>A person the system knows of: identifiers, personal data and the derived email status.</summary>
public class Contact
{
    public long Id { get; set; }

    // Identifiers
    public string? ExternalId { get; set; }
    /// <summary>The address as entered (trimmed, domain lower-cased).</summary>
    public string? Email { get; set; }
    /// <summary>Fully lower-cased address: the key for uniqueness, blacklist and email events.</summary>
    public string? EmailNormalized { get; set; }
    /// <summary>E.164, e.g. +380501234567.</summary>
    public string? Phone { get; set; }

    // Personal data
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public DateOnly? BirthDate { get; set; }
    public Gender Gender { get; set; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; set; }
    public string? Region { get; set; }
    public string? City { get; set; }
    public string? Street { get; set; }
    public string? PostCode { get; set; }
    /// <summary>IANA id, e.g. Europe/Kyiv.</summary>
    public string? TimeZone { get; set; }
    /// <summary>BCP 47 tag, e.g. uk-UA.</summary>
    public string? Language { get; set; }

    // Additional information (all times UTC)
    public ContactSource Source { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastEditAt { get; set; }
    /// <summary>Who or what made the last edit, as shown to users (a user's email, "API key 'shop'", "Import").</summary>
    public string? LastEditBy { get; set; }

    // Email status, derived from the address's email events and blacklist; kept here so the grid can
    // filter and sort on it. Always written in the same transaction as the event that changes it.
    public EmailStatus EmailStatus { get; set; }
    public DateTime? EmailStatusSince { get; set; }
    public string? EmailStatusReason { get; set; }
    public BlacklistReason? BlacklistReason { get; set; }
    public BlacklistScope? BlacklistScope { get; set; }

    /// <summary>Optimistic concurrency token: bumped on every save of the contact.</summary>
    public long Version { get; set; }

    public List<ContactDevice> Devices { get; set; } = [];
    public List<CustomFieldValue> CustomFieldValues { get; set; } = [];
    public List<ContactSubscription> Subscriptions { get; set; } = [];
}
