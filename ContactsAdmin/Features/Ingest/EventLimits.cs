namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// How much one event (POST /event, each item of POST /events) and one delivery result may carry. An event is shown
/// whole in the contact's activity tab: unbounded parameters made that tab send megabytes per visit, and a time in
/// year 1 gave its chart a hundred thousand bars.
/// </summary>
public static class EventLimits
{
    /// <summary>Parameters of one event; real events carry a handful (a cart, an order's lines as one value).</summary>
    public const int MaxParameters = 100;

    /// <summary>Characters of a parameter's name.</summary>
    public const int MaxParameterNameLength = 100;

    /// <summary>Characters of a parameter's value (as text: numbers in their JSON form); as long as a custom text field.</summary>
    public const int MaxParameterValueLength = 1000;

    /// <summary>How far back an occurredAt may lie: older history is not imported as events.</summary>
    public const int MaxYearsBack = 10;

    /// <summary>How far ahead an occurredAt may lie: room for a sender's clock running fast, not for scheduled events.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(1);

    /// <summary>The earliest and latest occurredAt accepted at <paramref name="now"/> (both included).</summary>
    public static (DateTime Earliest, DateTime Latest) OccurredAtWindow(DateTime now) => (now.AddYears(-MaxYearsBack), now + MaxAhead);
}
