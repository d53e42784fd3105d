using ContactsAdmin.Data;
using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// Suggests where each column goes from its name: a profile field by key, label or synonym
/// (<see cref="ColumnNameSynonyms"/>), a custom field by key or label, a subscription category by key or name; anything
/// else is skipped. Each target is suggested once, for the first column that names it.
/// </summary>
public static class MappingSuggestion
{
    public static ImportMapping Suggest(IReadOnlyList<string> columns, ProfileFieldTable fields,
        IEnumerable<CustomFieldDefinition> customFields, IEnumerable<SubscriptionCategory> categories)
    {
        var profile = ColumnNameSynonyms.Index(fields);
        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in customFields.Where(f => f.ArchivedAt is null))
        {
            custom.TryAdd(ColumnNameSynonyms.Normalize(field.Key), field.Key);
            custom.TryAdd(ColumnNameSynonyms.Normalize(field.Label), field.Key);
        }
        var category = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in categories.Where(c => c.ArchivedAt is null))
        {
            category.TryAdd(ColumnNameSynonyms.Normalize(c.Key), c.Key);
            category.TryAdd(ColumnNameSynonyms.Normalize(c.Name), c.Key);
        }

        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var targets = new List<ColumnTarget>(columns.Count);
        foreach (var column in columns)
        {
            var name = ColumnNameSynonyms.Normalize(column);
            // Custom fields and categories first: a workspace's own "Region" field is meant over the address's region.
            var target = custom.TryGetValue(name, out var customKey) ? new ColumnTarget.Custom(customKey)
                : category.TryGetValue(name, out var categoryKey) ? new ColumnTarget.Category(categoryKey)
                : profile.TryGetValue(name, out var field) ? new ColumnTarget.Profile(field)
                : ColumnTarget.Skipped;
            targets.Add(target is ColumnTarget.Skip || taken.Add(target.Text) ? target : ColumnTarget.Skipped);
        }
        return new ImportMapping(targets);
    }
}
