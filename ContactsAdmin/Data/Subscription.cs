namespace ContactsAdmin.Data;

/// <summary>A named category used for campaign segmentation, e.g. Newsletter.</summary>
public class SubscriptionCategory
{
    // The column sizes: the configuration declares them and the settings page's rules check them.
    public const int KeyMaxLength = 64;
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 500;

    public int Id { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int SortOrder { get; set; }
    /// <summary>Set while the category is archived: offered nowhere, subscriptions kept.</summary>
    public DateTime? ArchivedAt { get; set; }
}

/// <summary>A contact's state in one category; kept after unsubscribing so the card can say since when.</summary>
public class ContactSubscription
{
    public long ContactId { get; set; }
    public Contact? Contact { get; set; }
    public int CategoryId { get; set; }
    public SubscriptionCategory? Category { get; set; }

    public bool IsSubscribed { get; set; }
    /// <summary>When the current state began (UTC).</summary>
    public DateTime Since { get; set; }
    public ContactSource Source { get; set; }
}

/// <summary>A public subscription form: its key is the URL (/forms/{key}); it subscribes its categories.</summary>
public class SubscriptionForm
{
    public int Id { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> CategoryKeys { get; set; } = [];
    /// <summary>Web origins (scheme://host[:port]) whose pages may post to the form from the browser (CORS).</summary>
    public List<string> AllowedOrigins { get; set; } = [];
    public bool IsActive { get; set; } = true;
}

/// <summary>One accepted post of a subscription form, kept to count submissions per form over recent days.</summary>
public class FormSubmissionRecord
{
    public long Id { get; set; }
    public int FormId { get; set; }
    public DateTime SubmittedAt { get; set; }
}
