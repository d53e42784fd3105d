using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Data;

/// <summary>
/// The app's PostgreSQL sessions plan without parallel workers (docs/benchmarks.md, "PostgreSQL: parallel query off"),
/// unless the operator's connection string says otherwise.
/// </summary>
[Trait(TestStore.Trait, TestStore.PostgreSqlOnly)]
public sealed class PostgreSqlSessionTests
{
    [Fact]
    public async Task The_apps_sessions_run_without_parallel_workers()
    {
        await using var database = await PostgreSqlDatabaseAsync();

        Assert.Equal("0", await SettingAsync(database.Factory, "max_parallel_workers_per_gather"));
    }

    [Fact]
    public async Task Options_in_the_operators_connection_string_replace_the_apps()
    {
        await using var database = await PostgreSqlDatabaseAsync();
        var settings = new Dictionary<string, string?>(database.StoreSettings)
        {
            ["ConnectionStrings:Contacts"] = database.ConnectionString + ";Options=-c max_parallel_workers_per_gather=1 -c work_mem=8MB",
        };
        await using var services = database.AppServices(settings);
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();

        Assert.Equal("1", await SettingAsync(factory, "max_parallel_workers_per_gather"));
        Assert.Equal("8MB", await SettingAsync(factory, "work_mem"));
    }

    private static async Task<TestDatabase> PostgreSqlDatabaseAsync()
    {
        if (!TestStore.IsPostgreSql) Assert.Skip("PostgreSQL's session settings: runs in the PostgreSQL pass (CONTACTS_TEST_STORE=PostgreSQL).");
        return await TestDatabase.CreateAsync();
    }

    private static async Task<string> SettingAsync(IDbContextFactory<AppDbContext> factory, string name)
    {
        await using var db = await factory.CreateDbContextAsync(Ct);
        return await db.Database.SqlQuery<string>($"SELECT current_setting({name}) AS \"Value\"").SingleAsync(Ct);
    }
}
