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

    [Fact]
    public async Task A_snapshot_held_through_the_first_VACUUM_still_leaves_the_pages_marked_once_it_is_gone()
    {
        // A transaction in the seed's own database holds a snapshot older than the seed, so the seed's first VACUUM can mark
        // nothing; it ends 300 ms after the tidying starts, and a later pass marks the pages.
        await using var holder = NewContext();
        await holder.Database.OpenConnectionAsync(Ct);
        await using var snapshot = await holder.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, Ct);
        await holder.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync(Ct);
        Task? released = null;
        var progress = new ReportedStage(stage =>
        {
            if (stage is { Stage: "Tidying up", Done: 0 }) released = Task.Delay(300, Ct).ContinueWith(_ => snapshot.CommitAsync(Ct), Ct).Unwrap();
        });
        var seeder = new DemoDataSeeder(Factory, Services.GetRequiredService<StoreEngine>(), Clock);

        await seeder.SeedAsync(DemoDataOptions.Default with { Contacts = 400, ActivitiesPerContact = 5 }, fresh: false, progress, Ct);

        Assert.NotNull(released);
        await released;
        var (pages, visible, _) = await VisibilityAsync("Contacts");
        Assert.True(pages > 0 && visible * 2 >= pages, $"Contacts: {visible} of {pages} pages all-visible");
    }

    private sealed class ReportedStage(Action<StageProgress> report) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => report(value);
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
