using System.Text.RegularExpressions;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Data;

/// <summary>
/// Start-up's migration step (every command and the web app's start): a store an app version behind is brought up to
/// date, and a current one is only read, so a command on it does not pay for EF's migration machinery.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public partial class StartupMigrationTests : StoreTest
{
    private readonly CommandRecorder commands = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddStoreInterceptors(commands);

    [Fact]
    public async Task A_store_a_migration_behind_is_brought_up_to_date_at_start_up()
    {
        var last = await RollBackTheLastMigrationAsync();

        await Services.MigrateContactStoreAsync(Ct);

        await using var db = NewContext();
        Assert.Contains(last, await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        await AssertEveryTableOfTheModelIsThereAsync();
    }

    [Fact]
    public async Task A_current_store_starts_without_writing_to_it_or_taking_the_migration_lock()
    {
        await Services.MigrateContactStoreAsync(Ct);

        // EF's MigrateAsync would create its lock table or lock the history table, and create the history table if missing.
        Assert.NotEmpty(commands.Texts);
        Assert.DoesNotContain(commands.Texts, text => Writes().IsMatch(text));
        await AssertEveryTableOfTheModelIsThereAsync();
    }

    [Fact]
    public async Task Starting_twice_after_an_upgrade_leaves_the_store_as_the_first_start_did()
    {
        await RollBackTheLastMigrationAsync();
        await Services.MigrateContactStoreAsync(Ct);
        commands.Clear();

        await Services.MigrateContactStoreAsync(Ct);

        Assert.DoesNotContain(commands.Texts, text => Writes().IsMatch(text));
        await using var db = NewContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
    }

    /// <summary>Takes the store back to the app's previous version (its last migration reverted); returns that migration.</summary>
    private async Task<string> RollBackTheLastMigrationAsync()
    {
        await using var db = NewContext();
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[^2], Ct);
        Assert.Equal([migrations[^1]], await db.Database.GetPendingMigrationsAsync(Ct));
        return migrations[^1];
    }

    /// <summary>Every table of the engine's model answers a query: the schema is the one the app's code expects.</summary>
    private async Task AssertEveryTableOfTheModelIsThereAsync()
    {
        await using var db = NewContext();
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            // Names from the model, quoted by the engine's own helper: nothing from outside reaches the text.
#pragma warning disable EF1003
            await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM " + sql.DelimitIdentifier(table.Name, table.Schema) + " WHERE 1 = 0", Ct);
#pragma warning restore EF1003
        }
    }

    // SQLite's migration lock is a table (__EFMigrationsLock), PostgreSQL's a LOCK TABLE on the history.
    [GeneratedRegex(@"\b(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|LOCK)\b|__EFMigrationsLock", RegexOptions.IgnoreCase)]
    private static partial Regex Writes();
}
