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

    /// <summary>How many contacts hold each of these texts (a Choice field's options).</summary>
    public static Task<Dictionary<string, int>> CountTextsAsync(AppDbContext db, int fieldId, IReadOnlyCollection<string> texts, CancellationToken ct) =>
        db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.TextValue != null && texts.Contains(v.TextValue))
            .GroupBy(v => v.TextValue!).Select(g => new { Text = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Text, g => g.Count, StringComparer.Ordinal, ct);

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
    /// Moves text values by the map (old text to new text, or to null to clear them, which removes the value). Each old
    /// text is first parked under a token no option can be (options refuse control characters), so a swap of two names
    /// cannot merge their values. The caller holds the transaction.
    /// </summary>
    public static async Task MoveTextsAsync(AppDbContext db, int fieldId, IReadOnlyList<KeyValuePair<string, string?>> moves, CancellationToken ct)
    {
        for (var i = 0; i < moves.Count; i++)
        {
            var (from, parked) = (moves[i].Key, Parked(i));
            await db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.TextValue == from)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.TextValue, parked), ct);
        }
        for (var i = 0; i < moves.Count; i++)
        {
            var (parked, to) = (Parked(i), moves[i].Value);
            var values = db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.TextValue == parked);
            if (to is null) await values.ExecuteDeleteAsync(ct);
            else await values.ExecuteUpdateAsync(s => s.SetProperty(v => v.TextValue, to), ct);
        }
    }

    /// <summary>Removes every value of the field (before the field itself goes).</summary>
    public static async Task<int> DeleteAllAsync(AppDbContext db, int fieldId, CancellationToken ct) =>
        await db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.TextValue != null).ExecuteDeleteAsync(ct)
        + await db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.NumberValue != null).ExecuteDeleteAsync(ct)
        + await db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.DateValue != null).ExecuteDeleteAsync(ct)
        + await db.CustomFieldValues.Where(v => v.FieldId == fieldId && v.BoolValue != null).ExecuteDeleteAsync(ct);

    private static string Parked(int index) => $"\u0001{index}";
}
