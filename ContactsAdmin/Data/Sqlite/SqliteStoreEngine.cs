using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.Sqlite;

/// <summary>The default engine: one SQLite file in WAL mode, opened by path.</summary>
public sealed class SqliteStoreEngine : StoreEngine
{
    public static readonly SqliteStoreEngine Instance = new();

    public const string DefaultConnectionString = "Data Source=data/contacts.db";

    private SqliteStoreEngine() { }

    public override StoreProvider Provider => StoreProvider.Sqlite;

    public override ContactSearchIndex SearchIndex { get; } = new SqliteSearchIndex();

    public override ContactIdentifierStore Identifiers { get; } = new SqliteIdentifierStore();

    public override ActivityEventKeyStore EventKeys { get; } = new SqliteEventKeyStore();

    public override ContactRowMover ContactRows { get; } = new SqliteContactRowMover();

    /// <summary>
    /// Makes a relative database path absolute (against the working folder) and opens the file without creating it:
    /// only <see cref="StoreFile.CreateIfMissing"/> creates a store, so a connection opened after the file vanished
    /// fails instead of starting an empty one at its path.
    /// </summary>
    public override string ResolveConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        if (StoreFile.IsFile(builder))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
            if (builder.Mode == SqliteOpenMode.ReadWriteCreate) builder.Mode = SqliteOpenMode.ReadWrite;
        }
        return builder.ToString();
    }

    public override bool LikeIgnoresAsciiCase => true;

    /// <summary><c>SELECT value ->> 0 AS "Index", value ->> 1 AS "From", ... FROM json_each(@bars)</c>; times as the columns hold them.</summary>
    public override IQueryable<T> ConstantRows<T>(AppDbContext db, string name, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        var select = string.Join(", ", columns.Select((column, c) => string.Create(CultureInfo.InvariantCulture, $"value ->> {c} AS \"{column}\"")));
        var values = rows.Select(row => row.Select(value => value is DateTime time ? StoredText(time) : value));
        // Only column names and positions go into the text; the rows are the parameter.
        var sql = "SELECT " + select + " FROM json_each(@" + name + ")";
        return db.Database.SqlQueryRaw<T>(sql, new SqliteParameter("@" + name, JsonSerializer.Serialize(values)));
    }

    /// <summary>
    /// A UTC time as a DateTime column holds it (how EF and Microsoft.Data.Sqlite write a DateTime to TEXT), so that
    /// comparing the column with it compares the times: the same text for the same instant, and text order is time order.
    /// </summary>
    private static string StoredText(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public override StoreFile FileOf(string connectionString) => new(connectionString);

    /// <summary>
    /// The factory hands out pooled contexts: a new context builds a new SqliteConnection and registers EF's SQL
    /// functions on it, about 0.2 ms, as much as a whole grid page's query at a million contacts. Where the host runs
    /// the store's upkeep (<paramref name="runsUpkeep"/>) a background task copies the write-ahead log into the
    /// database file instead of the commits (<see cref="WalCheckpointer"/>); short commands keep SQLite's automatic checkpoints.
    /// </summary>
    public override void AddContexts(IServiceCollection services, string connectionString, bool runsUpkeep)
    {
        services.AddSingleton(FileOf(connectionString));
        services.AddPooledDbContextFactory<AppDbContext>((provider, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqliteConnectionPragmas(runsUpkeep), new StoreVanishedGuard(provider.GetRequiredService<StoreHealth>())));
        if (!runsUpkeep) return;
        services.AddSingleton<StoreUpkeep, WalCheckpointer>();
        services.AddHostedService(provider => provider.GetRequiredService<StoreUpkeep>());
    }

    /// <summary>
    /// Creates the file when missing, applies the migrations it lacks, and switches it to WAL (persistent, so once is
    /// enough; asked on every start all the same, for a file copied in from elsewhere, at the cost of one statement).
    /// </summary>
    public override async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        services.GetRequiredService<StoreFile>().CreateIfMissing();
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await PendingMigrations.ApplyAsync(db, ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
    }

    /// <summary>SQLite overwrites the deleted bytes instead of only unlinking them (PRAGMA secure_delete), for this connection and this write only.</summary>
    public override async Task<T> RunScrubbingDeletesAsync<T>(AppDbContext db, Func<Task<T>> write, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON", ct);
            return await write();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = OFF", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One writer at a time: a write transaction sees no other commit after its first read.</summary>
    public override bool WritersRace => false;

    /// <summary>One app instance per file: its write gate is in the process.</summary>
    public override bool ServesSeveralInstances => false;

    internal override IBulkInsert<T> BulkInsert<T>(AppDbContext db) => new ModelInsert<T>(db);

    internal override IBulkUpdate<T>? BulkUpdate<T>(AppDbContext db) where T : class => ModelUpdate<T>.For(db);

    internal override bool HasBulkUpdate => true;

    internal override Task<StoreBulkLoad> OpenBulkLoadAsync(AppDbContext db, IReadOnlyList<Type> tables, bool fresh, CancellationToken ct) =>
        SqliteBulkLoad.OpenAsync(db, tables, fresh, ct);
}
