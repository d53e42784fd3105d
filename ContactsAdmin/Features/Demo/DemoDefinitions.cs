using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Demo;

/// <summary>The custom fields, categories and widgets the demo's contacts refer to, with their ids.</summary>
internal sealed class DemoDefinitions(
    IReadOnlyDictionary<string, CustomFieldDefinition> fields,
    IReadOnlyList<SubscriptionCategory> categories,
    IReadOnlyList<Widget> widgets)
{
    /// <summary>In the order of <see cref="DemoCatalog.Categories"/>.</summary>
    public IReadOnlyList<SubscriptionCategory> Categories { get; } = categories;

    public IReadOnlyList<Widget> Widgets { get; } = widgets;

    /// <summary>
    /// The field to give a value of this type, or null when an admin already defined the key differently
    /// (then the demo leaves the field alone rather than store values its definition would reject).
    /// </summary>
    public CustomFieldDefinition? Field(string key, CustomFieldType type) =>
        fields.TryGetValue(key, out var field) && field.Type == type ? field : null;

    /// <summary>Finds the demo's definitions by key and adds the missing ones.</summary>
    public static async Task<DemoDefinitions> EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        var fields = await GetOrAddAsync(db.CustomFieldDefinitions, DemoCatalog.CustomFields, f => f.Key, ct);
        // Groups an admin has placed already keep their place.
        await GetOrAddAsync(db.CustomFieldGroups, DemoCatalog.FieldGroups, g => g.Name, ct);
        var categories = await GetOrAddAsync(db.SubscriptionCategories, DemoCatalog.Categories, c => c.Key, ct);
        var widgets = await GetOrAddAsync(db.Widgets, DemoCatalog.Widgets, w => w.Key, ct);
        await db.SaveChangesAsync(ct);
        return new DemoDefinitions(fields.ToDictionary(f => f.Key), categories, widgets);
    }

    private static async Task<List<T>> GetOrAddAsync<T>(DbSet<T> set, IReadOnlyList<T> wanted, Func<T, string> key, CancellationToken ct)
        where T : class
    {
        var existing = (await set.ToListAsync(ct)).ToDictionary(key);
        var result = new List<T>();
        foreach (var definition in wanted)
        {
            if (!existing.TryGetValue(key(definition), out var found))
            {
                set.Add(definition);
                found = definition;
            }
            result.Add(found);
        }
        return result;
    }
}
