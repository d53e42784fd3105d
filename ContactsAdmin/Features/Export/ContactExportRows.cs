using System.Runtime.CompilerServices;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Export;

/// <summary>
/// Reads every contact of a grid view in the grid's order with one forward-only reader, never holding more than a
/// chunk: the contacts of a chunk get their custom field values and subscriptions in two queries on a second
/// connection (the first is busy with the reader), then go out before the next chunk is read.
/// </summary>
public sealed class ContactExportRows(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Contacts per lookup of their extra columns.</summary>
    public const int ChunkSize = 1_000;

    public async IAsyncEnumerable<ContactExportRow> ReadAsync(ContactListQuery query, IReadOnlyCollection<int> fieldIds,
        IReadOnlyCollection<int> categoryIds, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var extras = await dbFactory.CreateDbContextAsync(ct);
        var (contacts, _) = await ContactViewOrder.AllInOrderAsync(db, query, ct);

        var chunk = new List<Contact>(ChunkSize);
        await foreach (var contact in contacts.AsAsyncEnumerable().WithCancellation(ct))
        {
            chunk.Add(contact);
            if (chunk.Count < ChunkSize) continue;
            foreach (var row in await WithExtrasAsync(extras, chunk, fieldIds, categoryIds, ct)) yield return row;
            chunk.Clear();
        }
        foreach (var row in await WithExtrasAsync(extras, chunk, fieldIds, categoryIds, ct)) yield return row;
    }

    private static async Task<IEnumerable<ContactExportRow>> WithExtrasAsync(AppDbContext db, List<Contact> chunk,
        IReadOnlyCollection<int> fieldIds, IReadOnlyCollection<int> categoryIds, CancellationToken ct)
    {
        if (chunk.Count == 0) return [];
        var ids = chunk.Select(c => c.Id).ToList();
        // Only the contact ids go to SQL, so each lookup seeks the (ContactId, ...) primary key: with the field or
        // category ids too, SQLite may walk those columns' indexes instead, every value of the field for every chunk.
        // EF.Parameter sends the ids as one array parameter (json_each on SQLite, = ANY on PostgreSQL): the SQL is the
        // same for every chunk, so EF reuses its compiled query, where a list of constants or of a thousand parameters is
        // new SQL to generate, prepare and bind each time (the larger part of the export's time before).
        var values = fieldIds.Count == 0 ? [] : (await db.CustomFieldValues.AsNoTracking()
            .Where(v => EF.Parameter(ids).Contains(v.ContactId))
            .Select(v => new CustomFieldValue { ContactId = v.ContactId, FieldId = v.FieldId, TextValue = v.TextValue, NumberValue = v.NumberValue, DateValue = v.DateValue, BoolValue = v.BoolValue })
            .ToListAsync(ct)).Where(v => fieldIds.Contains(v.FieldId)).ToList();
        var subscriptions = categoryIds.Count == 0 ? [] : (await db.ContactSubscriptions.AsNoTracking()
            .Where(s => EF.Parameter(ids).Contains(s.ContactId))
            .Select(s => new { s.ContactId, s.CategoryId, s.IsSubscribed })
            .ToListAsync(ct)).Where(s => s.IsSubscribed && categoryIds.Contains(s.CategoryId)).ToList();

        var valuesByContact = values.ToLookup(v => v.ContactId);
        var categoriesByContact = subscriptions.ToLookup(s => s.ContactId, s => s.CategoryId);
        return chunk.Select(c => new ContactExportRow(c,
            valuesByContact[c.Id].ToDictionary(v => v.FieldId),
            categoriesByContact[c.Id].ToHashSet()));
    }
}
