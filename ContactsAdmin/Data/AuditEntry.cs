namespace ContactsAdmin.Data;

/// <summary>One changed field of a contact: who, when, what, from which value to which, through what.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public DateTime OccurredAt { get; set; }
    /// <summary>A user's email, an API key's name, an import file: as shown to users.</summary>
    public string Actor { get; set; } = "";
    public ChangeSource Source { get; set; }
    /// <summary>The field's name as users know it, e.g. "First name" or "Custom field loyalty_tier".</summary>
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}

/// <summary>A key for the HTTP API. Only a hash is stored; the key itself is shown once on creation.</summary>
public class ApiKey
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The key's first characters, kept in clear to find the row and to tell keys apart in lists.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>SHA-256 of the whole key, hex.</summary>
    public string KeyHash { get; set; } = "";
    /// <summary>What the key may do, e.g. "contacts:write events:write"; empty means everything.</summary>
    public string Scopes { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
