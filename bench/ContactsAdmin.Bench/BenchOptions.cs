using ContactsAdmin.Data;

namespace ContactsAdmin.Bench;

/// <summary>The command line: what size of database, how many runs, which scenarios, where the JSON goes.</summary>
public sealed record BenchOptions
{
    public int Contacts { get; init; } = 1_000_000;
    public int ActivitiesPerContact { get; init; } = 10;
    public int Runs { get; init; } = 21;
    /// <summary>A database to reuse (seeded first when it does not exist); otherwise a temporary one.</summary>
    public string? DatabasePath { get; init; }
    /// <summary>--store: the engine the app and the raw baselines run on.</summary>
    public StoreProvider Store { get; init; } = StoreProvider.Sqlite;
    /// <summary>--pg: the PostgreSQL connection string; its database is reused (seeded first when missing), or a temporary one without a Database.</summary>
    public string? PostgresConnection { get; init; }
    public string? JsonPath { get; init; }
    /// <summary>Run only the groups whose name starts with one of these (grid, search, filters, card, activity, ingest, seed, browser, export, import, bulk, duplicates, segments).</summary>
    public IReadOnlyList<string> Only { get; init; } = [];
    public bool Quick { get; init; }
    /// <summary>Rows of the import group's generated file (its store is its own, whatever --contacts says).</summary>
    public int ImportRows { get; init; } = 1_000_000;
    /// <summary>Where the import group keeps its files and stores (emptied first, kept afterwards); otherwise a temporary folder.</summary>
    public string? ImportFolder { get; init; }

    /// <summary>Whether only groups that bring their own store run (then the shared database is not seeded).</summary>
    public bool OnlyOwnStores => Only.Count > 0 && Only.All(o => "import".StartsWith(o, StringComparison.OrdinalIgnoreCase));

    public bool Includes(string group) => Only.Count == 0 || Only.Any(o => group.StartsWith(o, StringComparison.OrdinalIgnoreCase));

    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var options = quick ? new BenchOptions { Quick = true, Contacts = 100_000, Runs = 9, ImportRows = 100_000 } : new BenchOptions();
        return options with
        {
            Contacts = Int(args, "--contacts") ?? options.Contacts,
            ActivitiesPerContact = Int(args, "--activities-per-contact") ?? options.ActivitiesPerContact,
            Runs = Int(args, "--runs") ?? options.Runs,
            ImportRows = Int(args, "--rows") ?? options.ImportRows,
            ImportFolder = Value(args, "--import-dir"),
            DatabasePath = Value(args, "--db"),
            Store = Value(args, "--store") switch
            {
                null or "sqlite" => StoreProvider.Sqlite,
                "postgres" or "postgresql" => StoreProvider.PostgreSQL,
                var other => throw new ArgumentException($"--store is sqlite or postgres, not '{other}'."),
            },
            PostgresConnection = Value(args, "--pg"),
            JsonPath = Value(args, "--json"),
            Only = Value(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
        };
    }

    public const string Usage = """
        dotnet run -c Release --project bench/ContactsAdmin.Bench -- [--quick] [--contacts N] [--activities-per-contact N]
            [--store sqlite|postgres] [--pg "Host=/tmp/devpg;Port=5432;Username=postgres;Database=bench1m"]
            [--runs N] [--db PATH] [--json FILE] [--only grid,search,filters,card,activity,ingest,seed,browser,export,import,bulk,duplicates,segments] [--rows N] [--import-dir DIR]
            import: a generated file of --rows rows (default 1,000,000) into a store of its own, then the full store exported
            --store postgres: the app on PostgreSQL (Database:Provider=PostgreSQL) and raw baselines in PostgreSQL's SQL; the
              database named in --pg is reused (created and seeded when missing), without a Database a temporary one is used.
              Groups on PostgreSQL: grid, search, filters, card, activity, segments, ingest (the others are SQLite only).
        """;

    /// <summary>The groups that run on PostgreSQL; the others still read a SQLite file of their own.</summary>
    public static readonly IReadOnlySet<string> PostgreSqlGroups = new HashSet<string> { "grid", "search", "filters", "card", "activity", "segments", "ingest" };

    private static string? Value(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static int? Int(string[] args, string name) =>
        Value(args, name) is { } text ? int.TryParse(text.Replace("_", ""), out var n) ? n : throw new ArgumentException($"{name} needs a number, not '{text}'.") : null;
}
