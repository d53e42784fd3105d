using Microsoft.Data.Sqlite;

namespace ContactsAdmin.Bench.Stores;

/// <summary>The benchmark's database as a SQLite file.</summary>
public sealed class SqliteBenchStore(string path) : BenchStore
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public override ContactsAdmin.Data.StoreProvider Provider => ContactsAdmin.Data.StoreProvider.Sqlite;

    public override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Contacts"] = $"Data Source={Path}",
    };

    public override string Description => Path;

    public override Task<bool> ExistsAsync() => Task.FromResult(File.Exists(Path));

    public override Task<double> SizeMegabytesAsync() => Task.FromResult(new FileInfo(Path).Length / 1048576.0);

    public override RawSql OpenRaw()
    {
        // Not pooled: the app's pooled connections carry its own functions (a .NET lower()); the baseline is plain SQLite.
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var pragmas = connection.CreateCommand();
        // The app's pragmas: the baseline should not be handicapped.
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA mmap_size=2147418112;";
        pragmas.ExecuteNonQuery();
        return new RawSql(connection, SqliteRawDialect.Instance);
    }

    public override BenchStore Fresh(string name) =>
        new SqliteBenchStore(System.IO.Path.Combine(Directory.CreateTempSubdirectory($"contacts-{name}-").FullName, $"{name}.db")) { IsTemporary = true };

    public override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (IsTemporary) Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}
