namespace ContactsAdmin.Data;

/// <summary>Something the contact did, or a message sent to them.</summary>
public class Activity
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public DateTime OccurredAt { get; set; }
    public ActivityChannel Channel { get; set; }
    /// <summary>The message, widget or event name (e.g. "Spring sale", "AddToCart").</summary>
    public string Name { get; set; } = "";
    /// <summary>Message status; null for app and website events.</summary>
    public MessageStatus? Status { get; set; }
    /// <summary>Details as a JSON object: link clicked, bounce type and SMTP code, event parameters.</summary>
    public string? Details { get; set; }
    /// <summary>The caller's idempotency key: the same key twice is stored once.</summary>
    public string? EventKey { get; set; }
    /// <summary>For widget displays: the widget shown and the visitor's session.</summary>
    public int? WidgetId { get; set; }
    public Widget? Widget { get; set; }
    public string? SessionId { get; set; }
}

/// <summary>A web widget with a display frequency: at most <see cref="FrequencyLimit"/> displays per period.</summary>
public class Widget
{
    public int Id { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public int FrequencyLimit { get; set; }
    public WidgetFrequencyPeriod FrequencyPeriod { get; set; }
    /// <summary>False while an Admin has paused the widget.</summary>
    public bool IsActive { get; set; } = true;
}
