using ContactsAdmin.Data;
using ContactsAdmin.Profile.Fields;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>The definitions pages offer in filters, column choosers and forms: custom fields and categories.</summary>
public sealed class ContactLookups(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The fields not archived, in the card's order.</summary>
    public async Task<IReadOnlyList<CustomFieldDefinition>> FieldsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CustomFieldOrder.ActiveAsync(db, ct);
    }

    /// <summary>The categories in use: an archived one is offered in no filter or column chooser.</summary>
    public async Task<IReadOnlyList<SubscriptionCategory>> CategoriesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SubscriptionCategories.AsNoTracking().Where(c => c.ArchivedAt == null).OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
    }

    /// <summary>The widgets a segment's condition can name, by name (an inactive one still has its history).</summary>
    public async Task<IReadOnlyList<Widget>> WidgetsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Widgets.AsNoTracking().OrderBy(w => w.Name).ToListAsync(ct);
    }
}
