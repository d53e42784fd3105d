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

    /// <summary>
    /// Records a change the demo makes to the contact after its creation (a subscription, an order, an email action by
    /// someone): "last edit" is the newest of them, by whoever made it, so the card never reads "not changed since
    /// creation" above a later subscription or order.
    /// </summary>
    public void Edited(DateTime at, string by)
    {
        if (at <= Contact.LastEditAt) return;
        Contact.LastEditAt = at;
        Contact.LastEditBy = by;
    }

    /// <summary>
    /// Cuts every time down to the whole second, as most event sources report them; the shorter ISO texts also
    /// make the activity indexes smaller. Cutting down keeps the order of events (some become simultaneous, which
    /// readers order by id) and keeps every time before the seeding day.
    /// </summary>
    public void CutTimesToSeconds()
    {
        Contact.CreatedAt = ToSecond(Contact.CreatedAt);
        Contact.LastEditAt = ToSecond(Contact.LastEditAt);
        foreach (var d in Devices) (d.FirstSeenAt, d.LastSeenAt) = (ToSecond(d.FirstSeenAt), ToSecond(d.LastSeenAt));
        foreach (var s in Subscriptions) s.Since = ToSecond(s.Since);
        foreach (var e in EmailEvents) e.OccurredAt = ToSecond(e.OccurredAt);
        foreach (var a in Activities) a.OccurredAt = ToSecond(a.OccurredAt);

        static DateTime ToSecond(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, time.Kind);
    }

    public bool IsAnonymous => Contact.FirstName is null && Contact.LastName is null && Contact.Email is null && Contact.Phone is null;
}
