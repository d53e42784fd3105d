using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Contacts;

/// <summary>The full-text index must give exactly the rows a plain scan gives, and follow every change.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactSearchIndexTests : StoreTest
{
    [Fact]
    public async Task Indexed_search_finds_exactly_what_a_scan_of_the_table_finds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        await new DemoDataSeeder(Factory, Services.GetRequiredService<StoreEngine>(), clock).SeedAsync(DemoDataOptions.Default with { Contacts = 300, ActivitiesPerContact = 1 }, fresh: false, progress: null, Ct);
        await using var db = NewContext();
        var samples = await db.Contacts.AsNoTracking().OrderBy(c => c.Id).Take(40).ToListAsync(Ct);

        // Pieces of real values (start, middle, whole, other case), phone fragments in several formats, and misses.
        var terms = samples.SelectMany(c => new[]
            {
                c.FirstName?[..Math.Min(4, c.FirstName.Length)],
                c.LastName?.ToUpperInvariant(),
                $"{c.FirstName} {c.LastName?[..Math.Min(2, c.LastName.Length)]}",
                c.EmailNormalized?[2..Math.Min(9, c.EmailNormalized.Length)],
                c.Phone?[4..9],
                c.Phone is { } p ? $"0{p[4..6]} {p[6..9]}" : null,
                c.ExternalId,
            })
            .Concat(["gmail", "ua", "xq", "o", "+380", "zzzz-nothing", "\"quoted\"", "o'br", "50 1"])
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Distinct()
            .ToList();

        Assert.True(terms.Count > 100);
        foreach (var term in terms)
        {
            var scanned = await ContactFiltering.SearchByScan(db.Contacts, term).Select(c => c.Id).OrderBy(id => id).ToListAsync(Ct);
            // Every form the grid uses (count by join, few matches by membership, many by probing) agrees with the scan.
            foreach (var form in Enum.GetValues<SubqueryForm>())
            {
                var found = await ContactFiltering.Search(db, db.Contacts, term, form).Select(c => c.Id).OrderBy(id => id).ToListAsync(Ct);
                Assert.True(found.SequenceEqual(scanned), $"'{term}' ({form}): found {found.Count}, scan found {scanned.Count}");
            }
            // On a query already narrowed (a list of ids, a slice) every form keeps the narrowing: PostgreSQL's
            // page form reads the table itself only when it is given the whole table.
            var later = scanned.Where(id => id > 150).ToList();
            foreach (var form in Enum.GetValues<SubqueryForm>())
            {
                var narrowed = await ContactFiltering.Search(db, db.Contacts.Where(c => c.Id > 150), term, form).Select(c => c.Id).OrderBy(id => id).ToListAsync(Ct);
                var sliced = await ContactFiltering.Search(db, db.Contacts.Where(c => c.Id >= 151), term, form, new ContactIdRange(151, long.MaxValue))
                    .Select(c => c.Id).OrderBy(id => id).ToListAsync(Ct);
                Assert.True(narrowed.SequenceEqual(later), $"'{term}' ({form}) after Id > 150: found {narrowed.Count}, scan found {later.Count}");
                Assert.True(sliced.SequenceEqual(later), $"'{term}' ({form}) in a slice: found {sliced.Count}, scan found {later.Count}");
            }
        }
    }

    [Fact]
    public async Task The_index_follows_inserts_updates_and_deletes()
    {
        // The store's own writes around the app, which keeps the identifier look-up tables: they are left behind on purpose.
        Database.AllowsIdentifierDrift = true;
        var contact = await Store.ContactAsync(c => { c.FirstName = "Olena"; c.Email = "olena@example.com"; });
        await using var db = NewContext();
        async Task<int> Found(string term) => await ContactFiltering.Search(db, db.Contacts, term).CountAsync(Ct);
        Assert.Equal(1, await Found("olena@exa"));

        await db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.EmailNormalized, "koval@example.org").SetProperty(c => c.Phone, "+380501234567"), Ct);
        Assert.Equal(0, await Found("olena@exa"));
        Assert.Equal(1, await Found("koval@exa"));
        Assert.Equal(1, await Found("050 123 45"));

        await db.Contacts.Where(c => c.Id == contact.Id).ExecuteDeleteAsync(Ct);
        Assert.Equal(0, await Found("koval@exa"));
        Assert.Equal(0, await Found("olena"));
    }
}
