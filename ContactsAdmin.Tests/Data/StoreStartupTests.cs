using System.Runtime.Versioning;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Data;

/// <summary>
/// Start-up never replaces a store it cannot find or use: outside Development a missing store is created only when
/// asked for, and a store that cannot be written stops the app with one line instead of a stack trace.
/// </summary>
[UnsupportedOSPlatform("windows")]   // file modes
public class StoreStartupTests : StoreTest
{
    [Fact]
    public async Task A_missing_store_in_Production_stops_start_up_with_one_line_and_creates_nothing()
    {
        using var folder = new TemporaryFolder();
        var missing = Path.Combine(folder.Path, "volume", "contacts.db");

        var run = await AppProcess.RunAsync(folder.Path, Production(missing));

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Lines);
        Assert.Equal($"The database {missing} does not exist. Create it with `ContactsAdmin init`, or set Database:CreateIfMissing=true to let start-up create it.", line);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task A_read_only_database_file_stops_start_up_with_one_clear_line()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(Database.Path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var run = await AppProcess.RunAsync(Path.GetDirectoryName(Database.Path)!, Production(Database.Path));

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Lines);
        Assert.StartsWith($"The database {Database.Path} is read-only", line);
    }

    [Fact]
    public async Task A_read_only_folder_is_refused_with_one_line_naming_it()
    {
        var folder = Path.GetDirectoryName(Database.Path)!;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var problem = new StoreFile(Database.ConnectionString).Problem(mayCreate: false);

            Assert.Equal($"The folder {folder} of the database is read-only: SQLite writes its -wal and -shm files beside the database.", problem);
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_database_path_that_is_a_folder_or_lies_under_a_file_is_refused_with_one_line()
    {
        using var folder = new TemporaryFolder();
        var aFile = Path.Combine(folder.Path, "a-file");
        File.WriteAllText(aFile, "not a folder");

        Assert.Equal($"The database path {folder.Path} is a folder, not a file.", new StoreFile($"Data Source={folder.Path}").Problem(mayCreate: true));
        Assert.StartsWith($"The folder {aFile} for the database cannot be created", new StoreFile($"Data Source={aFile}/contacts.db").Problem(mayCreate: true));
    }

    [Fact]
    public async Task A_file_that_is_no_database_is_refused_with_one_line()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "contacts.db");
        await File.WriteAllTextAsync(path, new string('x', 4096), Ct);

        Assert.StartsWith($"The database {path} cannot be used: ", new StoreFile($"Data Source={path}").Problem(mayCreate: false));
    }

    [Fact]
    public async Task CreateIfMissing_lets_start_up_in_Production_create_the_store_with_its_Admin()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "new", "contacts.db");

        await using (var app = ProductionApp($"Data Source={path}", new() { ["Database:CreateIfMissing"] = "true" }))
            app.StartServer();

        await using var db = DatabaseAt(path);
        Assert.True(await db.Users.AnyAsync(u => u.Email == AppFactory.AdminEmail, Ct));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Production_writes_no_demo_data_unless_Seed_Demo_is_set()
    {
        await using (var app = ProductionApp(Database.ConnectionString, new() { ["Seed:DemoContacts"] = "30" }))
            app.StartServer();

        await using var db = NewContext();
        Assert.Equal(0, await db.Contacts.CountAsync(Ct));
    }

    [Fact]
    public async Task Production_writes_demo_data_when_Seed_Demo_is_set()
    {
        await using (var app = ProductionApp(Database.ConnectionString, new() { ["Seed:Demo"] = "true", ["Seed:DemoContacts"] = "30" }))
            app.StartServer();

        await using var db = NewContext();
        Assert.Equal(30, await db.Contacts.CountAsync(Ct));
    }

    private static Dictionary<string, string> Production(string databasePath) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Contacts"] = $"Data Source={databasePath}",
    };

    private static AppDbContext DatabaseAt(string path) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={path}").Options);

    /// <summary>The app as an operator runs it: Production, the store at <paramref name="connectionString"/>, nothing else set but <paramref name="settings"/>.</summary>
    private static AppFactory ProductionApp(string connectionString, Dictionary<string, string> settings) =>
        new(connectionString, new() { Environment = "Production", Settings = settings });
}
