using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ContactsAdmin.Tests.Data;

/// <summary>
/// PostgreSQL's search moved from generated columns of Contacts to a table of its own (migration SearchTable): a store
/// upgraded across it finds the contacts it held before, by text and by phone, and a downgrade and upgrade again
/// loses none.
/// </summary>
[Trait(TestStore.Trait, TestStore.PostgreSqlOnly)]
public sealed class PostgreSqlSearchTableMigrationTests : StoreTest
{
    [Fact]
    public async Task Contacts_stored_before_the_search_table_are_found_after_the_upgrade()
    {
        var kept = await Store.ContactAsync(c => { c.FirstName = "Mykola"; c.LastName = "Savchuk"; c.Email = "m.savchuk@example.net"; c.Phone = "+380671234567"; });
        var other = await Store.ContactAsync(c => { c.FirstName = "Daryna"; c.Email = "daryna@example.org"; });

        await using (var db = NewContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var searchTable = migrations.FindIndex(m => m.EndsWith("_SearchTable", StringComparison.Ordinal));
            Assert.True(searchTable > 0, "no SearchTable migration");
            await db.GetService<IMigrator>().MigrateAsync(migrations[searchTable - 1], Ct);
            await db.GetService<IMigrator>().MigrateAsync(null, Ct);
        }

        await using var check = NewContext();
        async Task<List<long>> Found(string term) =>
            await ContactFiltering.Search(check, check.Contacts, term).Select(c => c.Id).OrderBy(id => id).ToListAsync(Ct);
        Assert.Equal([kept.Id], await Found("savchuk@exa"));
        Assert.Equal([kept.Id], await Found("mykola sav"));
        Assert.Equal([kept.Id], await Found("067 123 45"));
        Assert.Equal([other.Id], await Found("daryna"));
        Assert.Empty(await Found("zzz-nobody"));
    }
}
