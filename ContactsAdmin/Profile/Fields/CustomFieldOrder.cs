using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Profile.Fields;

/// <summary>
/// The order custom fields appear in everywhere (the card, its edit dialog, the grid's columns and filter, the settings
/// page): groups in their <see cref="CustomFieldGroup"/> order, groups without a row after them by name; within a group
/// by <see cref="CustomFieldDefinition.SortOrder"/>, then label. Read from the store on every call, so a change on the
/// settings page shows on the next page load without a restart.
/// </summary>
public static class CustomFieldOrder
{
    /// <summary>The fields the card, the editor and the grid offer: archived ones are left out (their values stay stored).</summary>
    public static async Task<List<CustomFieldDefinition>> ActiveAsync(AppDbContext db, CancellationToken ct)
    {
        var fields = await db.CustomFieldDefinitions.AsNoTracking().Where(f => f.ArchivedAt == null).ToListAsync(ct);
        return Sort(fields, await GroupOrderAsync(db, ct));
    }

    /// <summary>Every field, archived ones included, in order (for the settings page).</summary>
    public static async Task<List<CustomFieldDefinition>> AllAsync(AppDbContext db, CancellationToken ct)
    {
        var fields = await db.CustomFieldDefinitions.AsNoTracking().ToListAsync(ct);
        return Sort(fields, await GroupOrderAsync(db, ct));
    }

    public static Task<Dictionary<string, int>> GroupOrderAsync(AppDbContext db, CancellationToken ct) =>
        db.CustomFieldGroups.AsNoTracking().ToDictionaryAsync(g => g.Name, g => g.SortOrder, StringComparer.Ordinal, ct);

    public static List<CustomFieldDefinition> Sort(IEnumerable<CustomFieldDefinition> fields, IReadOnlyDictionary<string, int> groupOrder)
    {
        var groups = Groups(fields.Select(f => f.Group), groupOrder);
        var rank = groups.Select((name, i) => (name, i)).ToDictionary(g => g.name, g => g.i, StringComparer.Ordinal);
        return [.. fields.OrderBy(f => rank[f.Group]).ThenBy(f => f.SortOrder).ThenBy(f => f.Label, StringComparer.CurrentCultureIgnoreCase).ThenBy(f => f.Id)];
    }

    /// <summary>Distinct group names in order: those with a row by its number, then the rest by name.</summary>
    public static List<string> Groups(IEnumerable<string> names, IReadOnlyDictionary<string, int> groupOrder) =>
        [.. names.Distinct(StringComparer.Ordinal)
            .OrderBy(name => groupOrder.ContainsKey(name) ? 0 : 1)
            .ThenBy(name => groupOrder.GetValueOrDefault(name))
            .ThenBy(name => name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(name => name, StringComparer.Ordinal)];
}
