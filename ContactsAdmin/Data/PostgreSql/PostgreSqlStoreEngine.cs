using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// PostgreSQL: a server the app shares with its other instances. The database's own guarantees (unique indexes, its
/// transactions) keep the instances consistent; there is no file for the app to watch.
/// </summary>
public sealed class PostgreSqlStoreEngine : StoreEngine
{
    public static readonly PostgreSqlStoreEngine Instance = new();

    private PostgreSqlStoreEngine() { }

    public override StoreProvider Provider => StoreProvider.PostgreSQL;

    public override ContactSearchIndex SearchIndex { get; } = new PostgreSqlSearchIndex();

    public override ContactIdentifierStore Identifiers { get; } = new PostgreSqlIdentifierStore();

    public override ActivityEventKeyStore EventKeys { get; } = new PostgreSqlEventKeyStore();

    public override ContactRowMover ContactRows { get; } = new PostgreSqlContactRowMover();

    // A server has no default: the settings' check stops start-up over a missing one (ConnectionStringProblem).
    public override string ResolveConnectionString(string? configured) => configured ?? "";

    public override string? ConnectionStringProblem(string? configured)
    {
        const string Expected = "with Database:Provider PostgreSQL it is the server's connection string, such as Host=db.example.com;Database=contacts;Username=contacts";
        if (string.IsNullOrWhiteSpace(configured)) return "missing: " + Expected;
        try
        {
            // SQLite's "Data Source=contacts.db" (the shipped appsettings.json) is no host to Npgsql.
            return string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(configured).Host) ? "names no Host: " + Expected : null;
        }
        catch (ArgumentException e)
        {
            return $"cannot be read ({e.Message}): {Expected}";
        }
    }

    public override bool LikeIgnoresAsciiCase => false;

    public override bool PagesCountedIds => true;

    public override bool HashesProbesInOr => true;

    /// <summary>
    /// All the counts in one round trip (an <see cref="NpgsqlBatch"/> of one statement per query, each planned on its
    /// own: as one UNION ALL statement the 16 slices of Blacklisted + a category + a field value took 36 ms to plan).
    /// One after another, each slice's statement cost the app about twice the server's half a millisecond.
    /// </summary>
    public override async Task<IReadOnlyList<int>> CountEachAsync(AppDbContext db, IReadOnlyList<IQueryable<Contact>> queries, CancellationToken ct)
    {
        if (queries.Count == 0) return [];
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
            {
                Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            };
            foreach (var query in queries)
            {
                // EF writes each query's SQL and parameters; only the count around it is added here.
                using var command = query.Select(c => c.Id).CreateDbCommand();
                var counted = new NpgsqlBatchCommand("SELECT count(*)::int FROM (" + command.CommandText + ") AS rows");
                foreach (NpgsqlParameter parameter in command.Parameters) counted.Parameters.Add(parameter.Clone());
                batch.BatchCommands.Add(counted);
            }
            var counts = new List<int>(queries.Count);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            do
            {
                await reader.ReadAsync(ct);
                counts.Add(reader.GetInt32(0));
            } while (await reader.NextResultAsync(ct));
            return counts;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The list as an array the planner cannot see into, nor merge into the page's query (<see cref="ContactsById"/>).</summary>
    public override IQueryable<Contact> ContactsWithIds(AppDbContext db, IReadOnlyCollection<long> ids) =>
        db.Contacts.FromSqlRaw(ContactsById.Sql("SELECT unnest({0})"), ids.ToArray()).AsNoTracking();

    /// <summary>
    /// <c>SELECT (value ->> 0)::integer AS "Index", (value ->> 1)::timestamptz AS "From", ... FROM json_array_elements(@bars::json)</c>:
    /// JSON's values are text to PostgreSQL, so each column is cast to its property's type (times are sent as UTC).
    /// </summary>
    public override IQueryable<T> ConstantRows<T>(AppDbContext db, string name, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        var select = string.Join(", ", columns.Select((column, c) => string.Create(CultureInfo.InvariantCulture,
            $"(value ->> {c})::{ColumnType(typeof(T).GetProperty(column)?.PropertyType)} AS \"{column}\"")));
        var values = rows.Select(row => row.Select(value =>
            value is DateTime time ? time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : value));
        // Only column names, positions and types go into the text; the rows are the parameter.
        var sql = "SELECT " + select + " FROM json_array_elements(@" + name + "::json) AS value";
        return db.Database.SqlQueryRaw<T>(sql, new NpgsqlParameter(name, JsonSerializer.Serialize(values)));
    }

    private static string ColumnType(Type? property) => (property is null ? null : Nullable.GetUnderlyingType(property) ?? property) switch
    {
        { } type when type == typeof(int) => "integer",
        { } type when type == typeof(long) => "bigint",
        { } type when type == typeof(double) => "double precision",
        { } type when type == typeof(DateTime) => "timestamptz",
        _ => "text",   // text and enums (stored by name)
    };

    public override StoreFile FileOf(string connectionString) => StoreFile.None;

    public override void AddContexts(IServiceCollection services, string connectionString, bool runsUpkeep)
    {
        services.AddSingleton(FileOf(connectionString));
        services.AddPooledDbContextFactory<PostgreSqlAppDbContext>((provider, options) => options
            .UseNpgsql(WithSessionDefaults(connectionString))
            .ReplaceService<IQuerySqlGeneratorFactory, NullsLowestOrdering.GeneratorFactory>());
        services.AddSingleton<IDbContextFactory<AppDbContext>>(provider =>
            new AppContextFactory<PostgreSqlAppDbContext>(provider.GetRequiredService<IDbContextFactory<PostgreSqlAppDbContext>>()));
    }

    /// <summary>
    /// Settings each of the app's sessions starts with unless the operator's connection string sets its own
    /// <c>Options</c>: no parallel workers per query. The app's queries are index walks that stop at a page or a cap;
    /// a parallel plan (the server's default: 2 workers per Gather) is chosen for their estimated row counts, then
    /// waits for workers on cores the other requests are using. Measured at 1M contacts on a 2-core server
    /// (docs/benchmarks.md, "PostgreSQL: parallel query off"): status Active + category + VIP 353 -> 39 ms,
    /// lifetime value > 4000 81 -> 52 ms, nothing measurably slower.
    /// </summary>
    private static string WithSessionDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.Options)) builder.Options = "-c max_parallel_workers_per_gather=0";
        return builder.ConnectionString;
    }

    /// <summary>
    /// Applies the migrations the database lacks; EF creates the database first when the server has none of that name
    /// (the user may create databases). Another instance migrating at the same time is safe: each migration commits
    /// with its history row, so this one either sees it applied or migrates under EF's lock, which waits for the other.
    /// </summary>
    public override async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await PendingMigrations.ApplyAsync(db, ct);
    }

    /// <summary>
    /// PostgreSQL has no setting that overwrites deleted rows: they stay in the table's pages as dead rows until vacuum
    /// frees their space for new rows (autovacuum, soon after a write), and in WAL archives and backups until those
    /// rotate; docs/security.md tells operators so. The write itself removes every row as on SQLite.
    /// </summary>
    public override Task<T> RunScrubbingDeletesAsync<T>(AppDbContext db, Func<Task<T>> write, CancellationToken ct) => write();

    /// <summary>Several instances, and READ COMMITTED: another writer may commit between a transaction's reads and its writes.</summary>
    public override bool WritersRace => true;

    /// <summary>Any number of instances behind a balancer (docs/scale-out.md).</summary>
    public override bool ServesSeveralInstances => true;

    internal override IBulkInsert<T> BulkInsert<T>(AppDbContext db) => new PostgreSqlBulkCopy<T>(db);

    internal override Task<StoreBulkLoad> OpenBulkLoadAsync(AppDbContext db, IReadOnlyList<Type> tables, bool fresh, CancellationToken ct) =>
        PostgreSqlBulkLoad.OpenAsync(db, tables, fresh, ct);
}
