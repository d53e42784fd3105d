using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Features.Import;

/// <summary>A place a column can go, as the mapping's select offers it: its <see cref="ColumnTarget.Text"/> and its label.</summary>
public sealed record TargetChoice(string Value, string Label);

/// <summary>A group of the mapping's select.</summary>
public sealed record TargetGroup(string Name, IReadOnlyList<TargetChoice> Choices);

/// <summary>
/// What the mapping screen offers each column, grouped: the identifiers contacts are found by (in the API's matching
/// order), the other profile fields, the workspace's custom fields by label, its subscription categories (a yes/no
/// column), and skipping the column.
/// </summary>
public static class ImportTargetChoices
{
    public static TargetChoice Skip { get; } = new(ColumnTarget.Skipped.Text, "Skip this column");

    public static IReadOnlyList<TargetGroup> Of(ProfileFieldTable fields, IngestLookups lookups) =>
    [
        new("Identifiers", [.. ProfileFields.Identifiers.Select(f => Profile(f))]),
        new("Profile fields", [.. fields.Fields.Where(f => !ProfileFields.Identifiers.Contains(f)).Select(f => Profile(f))]),
        new("Custom fields", [.. lookups.Fields.Values.Where(f => f.ArchivedAt is null).OrderBy(f => f.Label, StringComparer.CurrentCultureIgnoreCase)
            .Select(f => new TargetChoice(new ColumnTarget.Custom(f.Key).Text, f.Label))]),
        new("Subscription categories (yes/no)", [.. lookups.Categories.Values.Where(c => c.ArchivedAt is null).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(c => new TargetChoice(new ColumnTarget.Category(c.Key).Text, c.Name))]),
        new("Nowhere", [Skip]),
    ];

    /// <summary>How a chosen target reads on the page ("Email", "Loyalty level (custom field)", "skipped").</summary>
    public static string LabelOf(string value, IReadOnlyList<TargetGroup> groups) =>
        groups.SelectMany(g => g.Choices).FirstOrDefault(c => c.Value == value)?.Label ?? value;

    private static TargetChoice Profile(ProfileField field) => new(new ColumnTarget.Profile(field).Text, field.Label);
}
