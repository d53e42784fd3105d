using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>A row of the All contacts grid.</summary>
public sealed record ContactRow(
    long Id,
    string? FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    EmailStatus EmailStatus,
    ContactSource Source,
    DateTime CreatedAt,
    DateTime LastEditAt,
    string? Country,
    string? Language)
{
    public string DisplayName => ContactNames.Display(FirstName, LastName, Email, Id);
}

public enum ContactSort { Name, Email, Phone, EmailStatus, Source, CreatedAt, LastEditAt, Country, Language }

public sealed record ContactListQuery(int Page = 0, int PageSize = 25, ContactSort Sort = ContactSort.CreatedAt, bool Descending = true);

public sealed record ContactPage(IReadOnlyList<ContactRow> Rows, int TotalCount);

/// <summary>The grid's reads: paging, sorting and counting run in SQL.</summary>
public sealed class ContactQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public static readonly int[] PageSizes = [25, 50, 100];

    public async Task<ContactPage> ListAsync(ContactListQuery query, CancellationToken ct)
    {
        var pageSize = PageSizes.Contains(query.PageSize) ? query.PageSize : PageSizes[0];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contacts = db.Contacts.AsNoTracking();

        var total = await contacts.CountAsync(ct);
        var rows = await Sorted(contacts, query.Sort, query.Descending)
            .Skip(Math.Max(0, query.Page) * pageSize)
            .Take(pageSize)
            .Select(c => new ContactRow(c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.EmailStatus,
                c.Source, c.CreatedAt, c.LastEditAt, c.Country, c.Language))
            .ToListAsync(ct);
        return new ContactPage(rows, total);
    }

    // Every sort ends with Id so pages never overlap or skip rows with equal keys.
    private static IQueryable<Contact> Sorted(IQueryable<Contact> contacts, ContactSort sort, bool descending) => (sort, descending) switch
    {
        (ContactSort.Name, false) => contacts.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id),
        (ContactSort.Name, true) => contacts.OrderByDescending(c => c.LastName).ThenByDescending(c => c.FirstName).ThenByDescending(c => c.Id),
        (ContactSort.Email, false) => contacts.OrderBy(c => c.EmailNormalized).ThenBy(c => c.Id),
        (ContactSort.Email, true) => contacts.OrderByDescending(c => c.EmailNormalized).ThenByDescending(c => c.Id),
        (ContactSort.Phone, false) => contacts.OrderBy(c => c.Phone).ThenBy(c => c.Id),
        (ContactSort.Phone, true) => contacts.OrderByDescending(c => c.Phone).ThenByDescending(c => c.Id),
        (ContactSort.EmailStatus, false) => contacts.OrderBy(c => c.EmailStatus).ThenBy(c => c.Id),
        (ContactSort.EmailStatus, true) => contacts.OrderByDescending(c => c.EmailStatus).ThenByDescending(c => c.Id),
        (ContactSort.Source, false) => contacts.OrderBy(c => c.Source).ThenBy(c => c.Id),
        (ContactSort.Source, true) => contacts.OrderByDescending(c => c.Source).ThenByDescending(c => c.Id),
        (ContactSort.LastEditAt, false) => contacts.OrderBy(c => c.LastEditAt).ThenBy(c => c.Id),
        (ContactSort.LastEditAt, true) => contacts.OrderByDescending(c => c.LastEditAt).ThenByDescending(c => c.Id),
        (ContactSort.Country, false) => contacts.OrderBy(c => c.Country).ThenBy(c => c.Id),
        (ContactSort.Country, true) => contacts.OrderByDescending(c => c.Country).ThenByDescending(c => c.Id),
        (ContactSort.Language, false) => contacts.OrderBy(c => c.Language).ThenBy(c => c.Id),
        (ContactSort.Language, true) => contacts.OrderByDescending(c => c.Language).ThenByDescending(c => c.Id),
        (_, false) => contacts.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        (_, true) => contacts.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
    };
}
