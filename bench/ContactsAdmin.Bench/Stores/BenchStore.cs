using ContactsAdmin.Data;

namespace ContactsAdmin.Bench.Stores;

/// <summary>
/// Where the benchmark's database lives and how its raw baselines reach it: a SQLite file (<see cref="SqliteBenchStore"/>)
/// or a database on a PostgreSQL server (<see cref="PostgreSqlBenchStore"/>). The app's own services are built from
/// <see cref="AppSettings"/> (Database:Provider and ConnectionStrings:Contacts), so they go through the app's engine
/// seam exactly as the app does; only the raw SQL is the benchmark's own.
/// </summary>
public abstract class BenchStore
{
    public abstract StoreProvider Provider { get; }

    /// <summary>The configuration the app reads to pick its engine and connection.</summary>
    public abstract IReadOnlyDictionary<string, string?> AppSettings { get; }

    /// <summary>Made for this run (no --db / no database named in --pg): dropped at the end.</summary>
    public bool IsTemporary { get; init; }

    /// <summary>What a reader of the results needs to find the database again.</summary>
    public abstract string Description { get; }

    public abstract Task<bool> ExistsAsync();

    public abstract Task<double> SizeMegabytesAsync();

    /// <summary>A raw connection for the hand-written baselines, set up as the app sets up its own.</summary>
    public abstract RawSql OpenRaw();

    /// <summary>A new, empty store of the same engine beside this one, for a group that writes (ingest).</summary>
    public abstract BenchStore Fresh(string name);

    /// <summary>Deletes the store (a temporary one, or a <see cref="Fresh"/> one at the end of its group).</summary>
    public abstract Task DropAsync();

    /// <summary>The store named by the command line: --store sqlite (--db PATH) or --store postgres (--pg CONNECTION).</summary>
    public static BenchStore From(BenchOptions options) => options.Store switch
    {
        StoreProvider.PostgreSQL => PostgreSqlBenchStore.From(options.PostgresConnection
            ?? throw new ArgumentException("--store postgres needs --pg \"Host=...;Username=...[;Database=...]\".")),
        _ => options.DatabasePath is { } path
            ? new SqliteBenchStore(path)
            : new SqliteBenchStore(Path.Combine(Directory.CreateTempSubdirectory("contacts-bench-").FullName, "contacts.db")) { IsTemporary = true },
    };
}
