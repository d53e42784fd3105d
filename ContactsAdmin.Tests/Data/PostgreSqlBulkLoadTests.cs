using ContactsAdmin.Data;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Data;

/// <summary>
/// A large load on PostgreSQL leaves the tables it filled ready for index-only scans (their visibility maps set),
/// as VACUUM does: without it the grid's filters read every row's page until autovacuum comes by, minutes later.
/// </summary>
[Trait(TestStore.Trait, TestStore.PostgreSqlOnly)]
public sealed class PostgreSqlBulkLoadTests() : PostgreSqlStoreTest("Visibility maps are PostgreSQL's")
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_a_seed_the_loaded_tables_pages_are_marked_all_visible(bool fresh)
    {
        var seeder = new DemoDataSeeder(Factory, Services.GetRequiredService<StoreEngine>(), Clock);
        var progress = new RecordingProgress();

        await seeder.SeedAsync(DemoDataOptions.Default with { Contacts = 400, ActivitiesPerContact = 5 }, fresh, progress, Ct);

        Assert.Equal("Tidying up", progress.Stages[^1]);
        foreach (var table in new[] { "Contacts", "Activities", "ContactEmails" })
        {
            var (pages, visible, vacuums) = await VisibilityAsync(table);
            Assert.True(pages > 0, $"{table} has pages");
            // The seed's own VACUUM (autovacuum's runs count apart, and the test server has none).
            Assert.True(vacuums >= 1, $"{table} was vacuumed by the seed");
            // Only a transaction in this test's own database could keep pages from being marked; a few may be.
            Assert.True(visible * 2 >= pages, $"{table}: {visible} of {pages} pages all-visible");
        }
    }

    private async Task<(int Pages, int Visible, long Vacuums)> VisibilityAsync(string table)
    {
        await using var db = NewContext();
        var row = await db.Database.SqlQueryRaw<PageCounts>(
            """
            SELECT c.relpages AS "Pages", c.relallvisible AS "Visible", s.vacuum_count AS "Vacuums"
            FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
            WHERE c.relname = {0} AND c.relnamespace = current_schema()::regnamespace
            """,
            table).SingleAsync(Ct);
        return (row.Pages, row.Visible, row.Vacuums);
    }

    private sealed record PageCounts(int Pages, int Visible, long Vacuums);
}
