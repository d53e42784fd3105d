using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;

namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// What the grid loaded while it was prerendered (lookups, the user's columns, the page of rows), carried into the
/// circuit with the page so the interactive render shows it without running the queries again.
/// </summary>
public sealed record GridFirstLoad(
    IReadOnlyList<CustomFieldDefinition> Fields,
    IReadOnlyList<SubscriptionCategory> Categories,
    GridColumnChoice Columns,
    ContactPage Page)
{
    /// <summary>The widgets the condition builder offers.</summary>
    public IReadOnlyList<Widget> Widgets { get; init; } = [];

    /// <summary>The saved segment the URL opened, as the prerender found it.</summary>
    public SavedSegment? Segment { get; init; }
}
