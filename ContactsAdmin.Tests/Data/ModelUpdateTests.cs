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
            await BulkUpdateAsync(db, contacts =>
            {
                for (var i = 0; i < contacts.Count; i++)
                {
                    if (i == 7) continue;
                    if (i % 2 == 0) contacts[i].FirstName = $"Renamed{i}";
                    else (contacts[i].City, contacts[i].Country) = ($"Moved{i}", "PL");
                    contacts[i].Version++;
                }
            });
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

    [Fact]
    public async Task Renamed_contacts_are_found_by_their_new_values_only_and_later_edits_still_re_index()
    {
        // Names, addresses and phones changed in groups of their own; one contact keeps its values and another changes only its city.
        var ids = new List<long>();
        for (var i = 0; i < 40; i++)
            ids.Add((await Store.ContactAsync(c => (c.FirstName, c.Email, c.EmailNormalized, c.Phone, c.City) = ($"Olesya{i:D2}", $"old{i:D2}@mail.example", $"old{i:D2}@mail.example", $"+38050111{i:D4}", "Lviv"))).Id);
        await using (var db = NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await BulkUpdateAsync(db, contacts =>
            {
                for (var i = 0; i < contacts.Count; i++)
                {
                    switch (i % 4)
                    {
                        case 0: contacts[i].FirstName = $"Marichka{i:D2}"; break;
                        case 1: (contacts[i].Email, contacts[i].EmailNormalized) = ($"new{i:D2}@post.example", $"new{i:D2}@post.example"); break;
                        case 2: contacts[i].Phone = $"+38067999{i:D4}"; break;
                        default: if (i != 3) contacts[i].City = "Kyiv"; break;
                    }
                    contacts[i].Version++;
                }
            });
            await transaction.CommitAsync(Ct);
        }

        Assert.Equal([ids[0]], await FoundAsync("Marichka00"));
        Assert.Empty(await FoundAsync("Olesya00"));
        Assert.Equal([ids[4]], await FoundAsync("Marichka04"));
        Assert.Equal([ids[1]], await FoundAsync("new01@post"));
        Assert.Empty(await FoundAsync("old01@mail"));
        Assert.Equal([ids[2]], await FoundAsync("679990002"));
        Assert.Empty(await FoundAsync("501110002"));
        Assert.Equal([ids[3]], await FoundAsync("Olesya03"));   // unchanged, and its entry kept
        Assert.Equal([ids[7]], await FoundAsync("old07@mail"));   // only its city changed
        await AssertIndexSoundAsync();

        // The trigger is back for every other write: an ordinary save re-indexes the contact.
        await using (var db = NewContext())
        {
            var contact = await db.Contacts.SingleAsync(c => c.Id == ids[3], Ct);
            contact.LastName = "Zelenko";
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal([ids[3]], await FoundAsync("Zelenko"));
        await AssertIndexSoundAsync();
    }

    [Fact]
    public async Task A_refused_bulk_rename_leaves_the_search_index_as_it_was()
    {
        var first = await Store.ContactAsync(c => c.FirstName = "Bohdana");
        var second = await Store.ContactAsync(c => c.FirstName = "Yaryna");
        await using (var db = NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);

            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => BulkUpdateAsync(db,
                contacts => contacts.ForEach(c => { c.FirstName += "Renamed"; c.Version++; }),
                meanwhile: () => db.Contacts.Where(c => c.Id == second.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, 9), Ct)));   // another write
        }   // rolled back as the transaction is disposed

        Assert.Equal([first.Id], await FoundAsync("Bohdana"));
        Assert.Equal([second.Id], await FoundAsync("Yaryna"));
        Assert.Empty(await FoundAsync("Renamed"));
        await AssertIndexSoundAsync();
    }

    /// <summary>
    /// Reads every contact without tracking, lets <paramref name="change"/> change them (the caller moves the versions, as a
    /// write does) and stores what changed with the bulk path, in the caller's transaction. <paramref name="meanwhile"/> runs
    /// between the read and the write.
    /// </summary>
    private static async Task BulkUpdateAsync(AppDbContext db, Action<List<Contact>> change, Func<Task>? meanwhile = null)
    {
        var snapshots = new ModelSnapshots<Contact>(db.Model);
        var contacts = await db.Contacts.AsNoTracking().OrderBy(c => c.Id).ToListAsync(Ct);
        foreach (var contact in contacts) snapshots.Remember(contact);
        if (meanwhile is not null) await meanwhile();
        change(contacts);
        var changes = contacts.Select(c => { snapshots.TryGetRow(c, out var row); return new UntrackedChange<Contact>(c, snapshots.Changed(c, row), row); }).ToList();
        using var update = ModelUpdate<Contact>.For(db)!;
        update.Update(changes, snapshots.Originals);
    }

    private async Task<List<long>> FoundAsync(string search)
    {
        var page = await Services.GetRequiredService<ContactQueries>().ListAsync(new ContactListQuery { Filter = ContactFilter.None with { Search = search } }, Ct);
        return [.. page.Rows.Select(c => c.Id).Order()];
    }

    // FTS5's own check of the index, and the deferral's row gone with its transaction.
    private async Task AssertIndexSoundAsync()
    {
        await Database.ExecuteSqlAsync($"INSERT INTO {ContactSearchSchema.Table}({ContactSearchSchema.Table}, rank) VALUES ('integrity-check', 0)", Ct);
        await using var db = NewContext();
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>($"SELECT count(*) AS Value FROM {ContactSearchSchema.DeferralTable}").SingleAsync(Ct));
    }
}
