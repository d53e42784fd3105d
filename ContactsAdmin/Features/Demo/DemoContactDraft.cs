using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Demo;

/// <summary>One demo contact and everything hanging off it, built in memory before it is written.</summary>
internal sealed class DemoContactDraft(Contact contact, DemoLocale locale, DemoEmailScenario? scenario)
{
    public Contact Contact { get; } = contact;
    public DemoLocale Locale { get; } = locale;
    /// <summary>What happens to the email address; null when the contact has none.</summary>
    public DemoEmailScenario? Scenario { get; } = scenario;
    /// <summary>A known contact tells its story plainly, without the random variations others get.</summary>
    public bool IsKnown { get; init; }
    /// <summary>Makes sure this contact sees a widget more often than the widget's frequency allows.</summary>
    public bool ShowsWidgetBeyondFrequency { get; init; }

    public List<ContactDevice> Devices { get; } = [];
    public List<CustomFieldValue> FieldValues { get; } = [];
    public List<ContactSubscription> Subscriptions { get; } = [];
    public List<EmailEvent> EmailEvents { get; } = [];
    public List<Activity> Activities { get; } = [];

    public TimeSpan History(DateTime today) => today - Contact.CreatedAt;

    public bool IsAnonymous => Contact.FirstName is null && Contact.LastName is null && Contact.Email is null && Contact.Phone is null;
}
