using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// Every contact a grid view matches, in the grid's order, unpaged: what the grid shows page after page, for a
/// reader that streams them all (the CSV export). The filter is the grid's own (<see cref="ContactFiltering"/>).
/// </summary>
internal static class ContactViewOrder
{
    /// <returns>The ordered contacts, and why part of the filter was not applied (as the grid says it), or null.</returns>
    public static async Task<(IQueryable<Contact> Contacts, string? Problem)> AllInOrderAsync(AppDbContext db, ContactListQuery query, CancellationToken ct)
    {
        var filter = await ContactFiltering.PrepareAsync(db, query.Filter, ct);
        var (contacts, problem) = filter.Apply(db.Contacts.AsNoTracking(), SubqueryForm.Membership);
        if (query.SortColumn is { } column && await ExtraColumnSorting.SortedAsync(db, contacts, column, query.Descending, ct) is { } byColumn)
            return (byColumn, problem);
        // Name A to Z puts the contacts without a name after the named ones, as the grid's two-part read does (ContactPaging).
        if (query.Sort == ContactSort.Name && !query.Descending)
            return (contacts.OrderBy(ContactQueries.IsNameless).ThenBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id), problem);
        return (ContactQueries.Sorted(contacts, query.Sort, query.Descending), problem);
    }
}
