using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>
/// The highest contact id, standing in for the number of contacts (ids are given in creation order; deleted ones leave
/// gaps): one look at the primary key's end, enough to choose a plan by. Looked up at most once per page, however many
/// of its steps (the count's sample, the search's plan, the walk of collected ids) ask.
/// </summary>
internal sealed class StoreSize(AppDbContext db)
{
    private long? known;

    public async ValueTask<long> GetAsync(CancellationToken ct) =>
        known ??= await db.Contacts.MaxAsync(c => (long?)c.Id, ct) ?? 0;
}
