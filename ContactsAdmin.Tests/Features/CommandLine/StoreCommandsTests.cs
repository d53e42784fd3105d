using System.Net;
using System.Text;
using ContactsAdmin.Data;
using ContactsAdmin.Features.CommandLine;
using ContactsAdmin.Tests.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.CommandLine;

/// <summary>init, backup and restore, and no other subcommand creating a store that is missing.</summary>
public class StoreCommandsTests : StoreTest
{
    [Fact]
    public async Task Init_creates_the_store_with_its_schema_and_an_Admin_and_prints_the_sign_in()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "data", "contacts.db");

        var (exitCode, output) = await RunAsync(path, "init");

        Assert.Equal(0, exitCode);
        Assert.Contains($"Created the database {path}.", output);
        Assert.Contains("Sign in:  admin@example.com", output);
        Assert.Matches(@"Password: \S{16}   \(generated now and shown only this once\)", output);
        await using var connection = Open(path);
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal(1L, Scalar(connection, """
            SELECT count(*) FROM AspNetUsers u JOIN AspNetUserRoles ur ON ur.UserId = u.Id JOIN AspNetRoles r ON r.Id = ur.RoleId
            WHERE u.Email = 'admin@example.com' AND r.Name = 'Admin'
            """));
    }

    [Fact]
    public async Task Init_leaves_an_existing_store_alone()
    {

        var (exitCode, output) = await RunAsync(Database.Path, "init");

        Assert.Equal(1, exitCode);
        Assert.Contains($"The database {Database.Path} already exists; nothing was created.", output);
    }

    [Theory]
    [InlineData("seed", "--contacts", "5")]
    [InlineData("apikey", "create", "shop")]
    [InlineData("users", "add", "jane@example.com", "--role", "Viewer")]
    [InlineData("backup", "copy.db")]
    public async Task Other_subcommands_refuse_a_missing_store_and_create_nothing(params string[] args)
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "volume", "contacts.db");

        var (exitCode, output) = await RunAsync(path, args);

        Assert.Equal(1, exitCode);
        Assert.Equal($"The database {path} does not exist. Create it with `ContactsAdmin init`, or set Database:CreateIfMissing=true to let start-up create it.", output.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task Backup_refuses_to_replace_a_file_unless_forced()
    {
        using var folder = new TemporaryFolder();
        var target = Path.Combine(folder.Path, "backup.db");
        await File.WriteAllTextAsync(target, "keep me", Ct);

        var (refusedExit, refused) = await RunAsync(Database.Path, "backup", target);
        Assert.Equal(1, refusedExit);
        Assert.Contains($"{target} exists; add --force to replace it.", refused);
        Assert.Equal("keep me", await File.ReadAllTextAsync(target, Ct));

        var (forcedExit, forced) = await RunAsync(Database.Path, "backup", target, "--force");
        Assert.Equal(0, forcedExit);
        Assert.Contains($"Backed up to {target}: ", forced);
        Assert.Contains("0 contacts, integrity check ok", forced);
    }

    [Fact]
    public async Task A_backup_taken_while_the_API_writes_is_intact_consistent_and_restores_with_its_counts()
    {
        await using var app = new ApiApp();
        await app.InitializeAsync();
        using var folder = new TemporaryFolder();
        var target = Path.Combine(folder.Path, "backup.db");
        using var client = app.Client();
        const int PerBulk = 100;

        var backupDone = new TaskCompletionSource();
        var bulksAfterBackup = 0;
        var writer = Task.Run(async () =>
        {
            for (var bulk = 0; bulksAfterBackup < 2; bulk++)
            {
                var items = Enumerable.Range(0, PerBulk).Select(i => $$"""{ "externalCustomerId": "bk-{{bulk}}-{{i}}", "firstName": "Backup" }""");
                using var response = await client.PostAsync("/api/v1/contacts", new StringContent($"[{string.Join(",", items)}]", Encoding.UTF8, "application/json"), Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var body = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(System.Text.Json.Nodes.JsonNode.Parse(body)!["created"]!.GetValue<int>() == PerBulk, body);
                if (backupDone.Task.IsCompleted) bulksAfterBackup++;
            }
        }, Ct);
        await WaitForContactsAsync(app.Database, atLeast: PerBulk);

        var (exitCode, output) = await RunAsync(app.Database.Path, "backup", target);
        backupDone.SetResult();
        await writer;

        Assert.Equal(0, exitCode);
        Assert.Contains("integrity check ok", output);
        long copied;
        await using (var copy = Open(target))
        {
            Assert.Equal("ok", Scalar(copy, "PRAGMA integrity_check"));
            Assert.Null(Scalar(copy, "PRAGMA foreign_key_check"));
            copied = (long)Scalar(copy, "SELECT count(*) FROM Contacts")!;
            // Each bulk is one transaction: the copy holds whole bulks, each contact with the audit entry of its creation.
            Assert.Equal(0, copied % PerBulk);
            Assert.Equal(0L, Scalar(copy, "SELECT count(*) FROM Contacts c WHERE NOT EXISTS (SELECT 1 FROM AuditEntries a WHERE a.ContactId = c.Id AND a.Field = 'Contact')"));
            Assert.Equal(0L, Scalar(copy, "SELECT count(*) FROM AuditEntries a WHERE NOT EXISTS (SELECT 1 FROM Contacts c WHERE c.Id = a.ContactId)"));
        }
        Assert.Contains($"{copied:N0} contacts", output);
        await using (var live = app.Database.NewContext())
            Assert.InRange(copied, PerBulk, await live.Contacts.CountAsync(Ct) - PerBulk);   // bulks went on after the copy

        var restored = Database;   // a store of its own, replaced by the backup
        SqliteConnection.ClearAllPools();   // as a stopped app leaves it: no connection open
        var (restoreExit, restoreOutput) = await RunAsync(restored.Path, "restore", target);
        Assert.True(restoreExit == 0, restoreOutput);
        Assert.Contains($"Restored {restored.Path}: ", restoreOutput);
        Assert.Contains($"The file it replaced is kept as {restored.Path}.before-restore.", restoreOutput);
        Assert.True(File.Exists(restored.Path + ".before-restore"));
        await using var restoredApp = new AppFactory(restored);
        restoredApp.StartServer();
        await using var db = await restoredApp.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(copied, await db.Contacts.CountAsync(Ct));
        Assert.Equal(copied, await db.AuditEntries.CountAsync(a => a.Field == "Contact", Ct));
    }

    [Fact]
    public async Task Restore_refuses_while_the_app_has_the_store_open()
    {
        await using var app = new ApiApp();
        await app.InitializeAsync();
        var other = Database;
        using var folder = new TemporaryFolder();
        var backup = Path.Combine(folder.Path, "backup.db");
        Assert.Equal(0, (await RunAsync(other.Path, "backup", backup)).ExitCode);
        using (var client = app.Client())
            (await client.GetAsync("/health/ready", Ct)).Dispose();   // the app has its store open

        var (exitCode, output) = await RunAsync(app.Database.Path, "restore", backup);

        Assert.Equal(1, exitCode);
        Assert.Contains($"The database {app.Database.Path} is in use; stop the app and try again.", output);
        Assert.False(File.Exists(app.Database.Path + ".before-restore"));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string databasePath, params string[] args)
    {
        using var output = new StringWriter();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Contacts"] = $"Data Source={databasePath}" })
            .Build();
        var exitCode = await ContactsCommandLine.RunAsync(args, output, configuration);
        return (exitCode, output.ToString());
    }

    private static Task WaitForContactsAsync(TestDatabase database, int atLeast) =>
        Eventually.HoldsAsync(async () =>
        {
            await using var db = database.NewContext();
            return await db.Contacts.CountAsync(Ct) >= atLeast;
        }, TimeSpan.FromSeconds(30), $"at least {atLeast} contacts");

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadWrite;Pooling=False");
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
