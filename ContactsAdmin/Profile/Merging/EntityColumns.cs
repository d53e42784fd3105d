using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Profile.Merging;

/// <summary>
/// A row's every mapped column as JSON by property name, read from and written back through the EF model: a column
/// added to an entity later is in the snapshot without anyone remembering to add it here.
/// </summary>
public static class EntityColumns
{
    public static Dictionary<string, JsonElement> Read(DbContext db, object entity)
    {
        var entry = db.Entry(entity);
        return entry.Properties.ToDictionary(p => p.Metadata.Name,
            p => JsonSerializer.SerializeToElement(p.CurrentValue, p.Metadata.ClrType));
    }

    /// <summary>Puts the columns on the entity (tracked or not); with <paramref name="withKey"/> false its key stays.</summary>
    public static void Write(DbContext db, object entity, IReadOnlyDictionary<string, JsonElement> columns, bool withKey)
    {
        var entry = db.Entry(entity);
        foreach (var property in entry.Properties)
        {
            if (!withKey && property.Metadata.IsPrimaryKey()) continue;
            if (!columns.TryGetValue(property.Metadata.Name, out var value)) continue;
            property.CurrentValue = value.Deserialize(property.Metadata.ClrType);
        }
    }

    /// <summary>A new entity of <typeparamref name="T"/> carrying the columns, key included.</summary>
    public static T Create<T>(DbContext db, IReadOnlyDictionary<string, JsonElement> columns) where T : class, new()
    {
        var entity = new T();
        Write(db, entity, columns, withKey: true);
        return entity;
    }
}
