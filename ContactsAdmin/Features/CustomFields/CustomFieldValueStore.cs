using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.CustomFields;

/// <summary>
/// The bulk reads and writes the settings page makes on a field's stored values. Each reads or writes by the field's
/// typed columns, so SQLite answers from the value indexes (FieldId, column, ContactId) rather than a table scan.
/// </summary>
internal static class CustomFieldValueStore
{
    /// <summary>How many contacts hold a value of the field (a value fills one typed column; each count reads one index).</summary>
    public static async Task<int> CountAsync(AppDbContext db, int fieldId, CancellationToken ct) =>
        await db.CustomFieldValues.CountAsync(v => v.FieldId == fieldId && v.TextValue != null, ct)
        + await db.CustomFieldValues.CountAsync(v => v.FieldId == fieldId && v.NumberValue != null, ct)
        + await db.CustomFieldValues.CountAsync(v => v.FieldId == fieldId && v.DateValue != null, ct)
        + await db.CustomFieldValues.CountAsync(v => v.FieldId == fieldId && v.BoolValue != null, ct);

    /// <summary>How many contacts hold a value, per field: one grouped query for the whole list.</summary>
    public static Task<Dictionary<int, int>> CountByFieldAsync(AppDbContext db, CancellationToken ct) =>
        db.CustomFieldValues.GroupBy(v => v.FieldId).Select(g => new { FieldId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.FieldId, g => g.Count, ct);

    /// <summary>The field's distinct values with how many contacts hold each.</summary>
    public static async Task<List<StoredValue>> DistinctAsync(AppDbContext db, int fieldId, CancellationToken ct)
    {
        var rows = await db.CustomFieldValues.Where(v => v.FieldId == fieldId)
            .GroupBy(v => new { v.TextValue, v.NumberValue, v.DateValue, v.BoolValue })
            .Select(g => new { g.Key.TextValue, g.Key.NumberValue, g.Key.DateValue, g.Key.BoolValue, Count = g.Count() })
            .ToListAsync(ct);
        return [.. rows.Select(r => new StoredValue(new TypedFieldValue(r.TextValue, r.NumberValue, r.DateValue, r.BoolValue), r.Count))];
    }

    /// <summary>Every value equal to <paramref name="from"/> becomes <paramref name="to"/> (all four columns, so a value may move column).</summary>
    public static Task<int> ReplaceAsync(AppDbContext db, int fieldId, TypedFieldValue from, TypedFieldValue to, CancellationToken ct) =>
        db.CustomFieldValues
            .Where(v => v.FieldId == fieldId && v.TextValue == from.Text && v.NumberValue == from.Number
                && v.DateValue == from.Date && v.BoolValue == from.Boolean)
            .ExecuteUpdateAsync(s => s
                .SetProperty(v => v.TextValue, to.Text)
                .SetProperty(v => v.NumberValue, to.Number)
                .SetProperty(v => v.DateValue, to.Date)
                .SetProperty(v => v.BoolValue, to.Boolean), ct);

    /// <summary>
    /// Rewrites values (a null target removes them). Each old value is first parked under a token no value can be
    /// (values refuse control characters), so a swap of two options cannot merge their values. The caller holds the transaction.
    /// </summary>
    public static async Task RewriteAsync(AppDbContext db, int fieldId, IReadOnlyList<ValueRewrite> rewrites, CancellationToken ct)
    {
        for (var i = 0; i < rewrites.Count; i++)
            await ReplaceAsync(db, fieldId, rewrites[i].From, Parked(i), ct);
        for (var i = 0; i < rewrites.Count; i++)
        {
            var parked = Parked(i).Text;
            if (rewrites[i].To is { } to) await ReplaceAsync(db, fieldId, Parked(i), to, ct);
            else await db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.TextValue == parked).ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>Removes every value of the field (before the field itself goes).</summary>
    public static async Task<int> DeleteAllAsync(AppDbContext db, int fieldId, CancellationToken ct) =>
        await db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.TextValue != null).ExecuteDeleteAsync(ct)
        + await db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.NumberValue != null).ExecuteDeleteAsync(ct)
        + await db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.DateValue != null).ExecuteDeleteAsync(ct)
        + await db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.BoolValue != null).ExecuteDeleteAsync(ct);

    private static TypedFieldValue Parked(int index) => new(Text: $"\u0001{index}");
}
