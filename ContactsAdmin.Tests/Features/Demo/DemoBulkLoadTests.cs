using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Demo;

/// <summary>
/// Seeding into empty tables drops indexes and the search triggers and rebuilds them at the end; seeding on top
/// of contacts keeps them. Either way the store must end up exactly as the migrations define it, complete.
/// </summary>
public class DemoBulkLoadTests : StoreTest
{
    private static readonly DemoDataOptions Small = DemoDataOptions.Default with { Contacts = 120, ActivitiesPerContact = 5 };
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 29, 8, 15, 0, TimeSpan.Zero));

    [Fact]
    public async Task After_a_seed_into_an_empty_store_every_index_and_trigger_is_the_migrated_one()
    {
        var migrated = await SchemaAsync(Database);   // the store as the migrations left it

        await Seeder(Database).SeedAsync(Small, fresh: false, progress: null, Ct);

        Assert.Equal(migrated, await SchemaAsync(Database));
        await AssertSoundAsync(Database);
    }

    [Fact]
    public async Task After_a_fresh_seed_over_an_earlier_one_every_index_and_trigger_is_the_migrated_one()
    {
        var migrated = await SchemaAsync(Database);   // the store as the migrations left it
        await Seeder(Database).SeedAsync(Small, fresh: false, progress: null, Ct);

        await Seeder(Database).SeedAsync(Small with { Seed = 7 }, fresh: true, progress: null, Ct);

        Assert.Equal(migrated, await SchemaAsync(Database));
        await AssertSoundAsync(Database);
    }

    [Fact]
    public async Task Seeding_on_top_of_existing_contacts_keeps_the_indexes_and_triggers_and_adds_after_them()
    {
        var migrated = await SchemaAsync(Database);   // the store as the migrations left it
        var existing = await Store.ContactAsync(c => { c.FirstName = "Zoë"; c.LastName = "Quist"; c.Email = "zoe.quist@example.org"; });

        await Seeder(Database).SeedAsync(Small, fresh: false, progress: null, Ct);

        Assert.Equal(migrated, await SchemaAsync(Database));
        await AssertSoundAsync(Database);
        await using var db = NewContext();
        Assert.Equal(Small.Contacts + 1, await db.Contacts.CountAsync(Ct));
        Assert.Equal(existing.Id + 1, await db.Contacts.Where(c => c.Id != existing.Id).MinAsync(c => c.Id, Ct));
        // The triggers kept the search index up to date for the new contacts as for the old one.
        await AssertSearchMatchesScanAsync(Database, ["quist", "zoe.quist@", .. await SampleTermsAsync(db)]);
    }

    [Fact]
    public async Task The_first_start_seeds_a_store_that_already_has_users()
    {
        var migrated = await SchemaAsync(Database);   // the store as the migrations left it
        await using (var db = NewContext())
        {
            db.Users.Add(new ApplicationUser { UserName = "anna@example.com", Email = "anna@example.com" });
            await db.SaveChangesAsync(Ct);
        }

        var summary = await Seeder(Database).SeedIfEmptyAsync(Small, progress: null, Ct);

        Assert.NotNull(summary);
        Assert.Equal(Small.Contacts, summary.Contacts);
        Assert.Equal(migrated, await SchemaAsync(Database));
        await using var check = NewContext();
        Assert.Equal(1, await check.Users.CountAsync(Ct));
        Assert.Equal(Small.Contacts, await check.Contacts.CountAsync(Ct));
    }

    [Fact]
    public async Task The_search_index_after_a_fresh_seed_holds_the_new_contacts_only()
    {
        await Seeder(Database).SeedAsync(Small, fresh: false, progress: null, Ct);
        List<string> oldTerms;
        await using (var db = NewContext()) oldTerms = await SampleTermsAsync(db);

        // Ids start again at 1, so an entry left over from the first seed would find a new contact by an old name.
        await Seeder(Database).SeedAsync(Small with { Seed = 99 }, fresh: true, progress: null, Ct);

        await using var check = NewContext();
        await AssertSearchMatchesScanAsync(Database, [.. oldTerms, .. await SampleTermsAsync(check)]);
    }

    [Fact]
    public async Task Seeding_works_while_another_connection_holds_the_store_open()
    {
        var migrated = await SchemaAsync(Database);   // the store as the migrations left it
        // Not pooled, so the seeder cannot close it: the load keeps the WAL journal instead of a rollback journal.
        await using var other = new SqliteConnection($"{Database.ConnectionString};Pooling=False");
        await other.OpenAsync(Ct);
        await using (var read = other.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM Contacts";
            Assert.Equal(0L, await read.ExecuteScalarAsync(Ct));
        }

        await Seeder(Database).SeedAsync(Small, fresh: false, progress: null, Ct);

        Assert.Equal(migrated, await SchemaAsync(Database));
        await AssertSoundAsync(Database);
        await using var count = other.CreateCommand();
        count.CommandText = "SELECT count(*) FROM Contacts";
        Assert.Equal((long)Small.Contacts, await count.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task With_an_average_the_total_is_about_that_and_a_few_heavy_users_have_far_more()
    {
        var options = DemoDataOptions.Default with { Contacts = 2_000, ActivitiesPerContact = 10 };

        var summary = await Seeder(Database).SeedAsync(options, fresh: false, progress: null, Ct);

        await using var db = NewContext();
        var perContact = await db.Activities.GroupBy(a => a.ContactId).Select(g => g.Count()).ToListAsync(Ct);
        var total = perContact.Sum();
        Assert.Equal(total, summary.Activities);
        Assert.InRange((double)total / options.Contacts, 8, 12.5);
        var sorted = perContact.Order().ToList();
        // Most contacts have a few; the heaviest has more than a hundred times the average.
        Assert.InRange(sorted[sorted.Count / 2], 3, 20);
        Assert.True(sorted[^1] > 100 * total / options.Contacts, $"the heaviest contact has {sorted[^1]} activities");
        var heavy = await db.Activities.GroupBy(a => a.ContactId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(Ct);
        var channels = await db.Activities.Where(a => a.ContactId == heavy).Select(a => a.Channel).Distinct().CountAsync(Ct);
        Assert.Equal(Enum.GetValues<ActivityChannel>().Length, channels);
    }

    [Fact]
    public void At_a_million_contacts_ten_heavy_users_have_a_hundred_thousand_activities_each()
    {
        var counts = new DemoActivityCounts(10, 1_000_000);
        var random = new DemoRandom(1);

        var heavy = Enumerable.Range(0, 1_000_000).Where(counts.IsHeavy).ToList();
        var others = Enumerable.Range(0, 10_000).Where(i => !counts.IsHeavy(i)).Select(i => counts.For(i, random)).ToList();

        Assert.Equal(10, heavy.Count);
        Assert.All(heavy, i => Assert.Equal(DemoActivityCounts.HeavyActivities, counts.For(i, random)));
        Assert.DoesNotContain(heavy, i => i < DemoContacts.All.Count);
        Assert.InRange(others.Average(), 8.5, 9.5);
        Assert.True(new DemoActivityCounts(10, 999).IsHeavy(500) is false && Enumerable.Range(0, 999).All(i => !new DemoActivityCounts(10, 999).IsHeavy(i)));
        Assert.Single(Enumerable.Range(0, 1_000), new DemoActivityCounts(10, 1_000).IsHeavy);
    }

    private static DemoDataSeeder Seeder(TestDatabase database) => new(database.Factory, database.Services.GetRequiredService<StoreEngine>(), Clock);

    // Every index, trigger and table definition, by name: what the migrations made, or what a seed left.
    private static async Task<List<string>> SchemaAsync(TestDatabase database)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ' ON ' || tbl_name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var schema = new List<string>();
        while (await reader.ReadAsync(Ct)) schema.Add(reader.GetString(0));
        return schema;
    }

    // WAL again, every foreign key satisfied, and both the database and the full-text index consistent.
    private static async Task AssertSoundAsync(TestDatabase database)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode"));
        Assert.Equal("ok", await ScalarAsync("PRAGMA integrity_check"));
        Assert.Null(await ScalarAsync("PRAGMA foreign_key_check"));
        await ScalarAsync("INSERT INTO ContactSearch(ContactSearch, rank) VALUES ('integrity-check', 0)");

        async Task<string?> ScalarAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (await command.ExecuteScalarAsync(Ct))?.ToString();
        }
    }

    // Pieces of names, addresses, phones and External IDs of some seeded contacts.
    private static async Task<List<string>> SampleTermsAsync(AppDbContext db)
    {
        var samples = await db.Contacts.AsNoTracking().OrderBy(c => c.Id).Take(30).ToListAsync(Ct);
        return samples
            .SelectMany(c => new[]
            {
                c.FirstName?[..Math.Min(4, c.FirstName.Length)], c.LastName, c.EmailNormalized?[..Math.Min(8, c.EmailNormalized.Length)],
                c.Phone?[4..9], c.ExternalId,
            })
            .OfType<string>()
            .Where(t => t.Length >= 3)
            .Distinct()
            .ToList();
    }

    private static async Task AssertSearchMatchesScanAsync(TestDatabase database, List<string> terms)
    {
        await using var db = database.NewContext();
        Assert.True(terms.Count > 20);
        foreach (var term in terms)
        {
            var indexed = await ContactFiltering.Search(db, db.Contacts, term).Select(c => c.Id).OrderBy(id => id).ToListAsync(Ct);
            var scanned = await ContactFiltering.SearchByScan(db.Contacts, term).Select(c => c.Id).OrderBy(id => id).ToListAsync(Ct);
            Assert.True(indexed.SequenceEqual(scanned), $"'{term}': index found {indexed.Count}, scan found {scanned.Count}");
        }
    }
}
