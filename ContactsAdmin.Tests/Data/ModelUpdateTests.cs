using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Data;

/// <summary>
/// SQLite's bulk UPDATE path stores each entity's changed columns, whatever mix of columns the rows changed and however many
/// share a statement, and refuses the whole write when a row's concurrency token moved since it was read.
/// </summary>
public class ModelUpdateTests : StoreTest
{
    [Fact]
    public async Task Each_row_gets_exactly_its_changed_columns_across_statements_of_many_rows()
    {
        // 300 contacts: more than one statement's worth, in two groups of changed columns, and one row left alone.
        var ids = new List<long>();
        for (var i = 0; i < 300; i++) ids.Add((await Store.ContactAsync(c => (c.FirstName, c.City, c.Country) = ($"First{i}", $"City{i}", "UA"))).Id);
        await using (var db = NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var snapshots = new ModelSnapshots<Contact>(db.Model);
            var contacts = await db.Contacts.AsNoTracking().OrderBy(c => c.Id).ToListAsync(Ct);
            foreach (var contact in contacts) snapshots.Remember(contact);
            for (var i = 0; i < contacts.Count; i++)
            {
                if (i == 7) continue;
                if (i % 2 == 0) contacts[i].FirstName = $"Renamed{i}";
                else (contacts[i].City, contacts[i].Country) = ($"Moved{i}", "PL");
                contacts[i].Version++;
            }
            var changes = contacts.Select(c => { snapshots.TryGetRow(c, out var row); return new UntrackedChange<Contact>(c, snapshots.Changed(c, row), row); }).ToList();

            using (var update = ModelUpdate<Contact>.For(db)!) update.Update(changes, snapshots.Originals);
            await transaction.CommitAsync(Ct);
        }

        await using var read = NewContext();
        var stored = await read.Contacts.AsNoTracking().OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Equal(ids, stored.Select(c => c.Id));
        for (var i = 0; i < stored.Count; i++)
        {
            var expected = i == 7 ? ($"First{i}", $"City{i}", "UA", 0L)
                : i % 2 == 0 ? ($"Renamed{i}", $"City{i}", "UA", 1L)
                : ($"First{i}", $"Moved{i}", "PL", 1L);
            Assert.Equal(expected, (stored[i].FirstName, stored[i].City, stored[i].Country, stored[i].Version));
        }
        // The search index followed the renamed contacts.
        var queries = Services.GetRequiredService<ContactQueries>();
        Assert.Equal(1, (await queries.ListAsync(new ContactListQuery { Filter = ContactFilter.None with { Search = "Renamed298" } }, Ct)).TotalCount);
        Assert.Equal(0, (await queries.ListAsync(new ContactListQuery { Filter = ContactFilter.None with { Search = "First298" } }, Ct)).TotalCount);
    }

    [Fact]
    public async Task A_row_whose_version_moved_since_it_was_read_refuses_the_write()
    {
        var contact = await Store.ContactAsync(c => c.FirstName = "Olena");
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var snapshots = new ModelSnapshots<Contact>(db.Model);
        var read = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == contact.Id, Ct);
        snapshots.Remember(read);
        await db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, 5), Ct);   // another write in between
        read.FirstName = "Oksana";
        read.Version++;
        snapshots.TryGetRow(read, out var row);
        using var update = ModelUpdate<Contact>.For(db)!;

        Assert.Throws<DbUpdateConcurrencyException>(() => update.Update([new UntrackedChange<Contact>(read, snapshots.Changed(read, row), row)], snapshots.Originals));
    }
}
