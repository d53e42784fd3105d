using System.Globalization;
using Npgsql;

namespace ContactsAdmin.Bench.Stores;

/// <summary>
/// The benchmark's database on a PostgreSQL server. The app creates a missing database when it migrates (its user
/// may create databases); the benchmark only asks the server whether the database is there and, for a temporary
/// one, drops it at the end.
/// </summary>
public sealed class PostgreSqlBenchStore : BenchStore
{
    private readonly NpgsqlConnectionStringBuilder connection;

    private PostgreSqlBenchStore(NpgsqlConnectionStringBuilder connection) => this.connection = connection;

    /// <summary>The store on <paramref name="connectionString"/>; without a Database, a temporary one of its own.</summary>
    public static PostgreSqlBenchStore From(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Database)) return new PostgreSqlBenchStore(builder);
        builder.Database = TemporaryName("bench");
        return new PostgreSqlBenchStore(builder) { IsTemporary = true };
    }

    public string Database => connection.Database!;

    public override ContactsAdmin.Data.StoreProvider Provider => ContactsAdmin.Data.StoreProvider.PostgreSQL;

    public override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "PostgreSQL",
        ["ConnectionStrings:Contacts"] = connection.ConnectionString,
    };

    public override string Description => $"PostgreSQL database {Database} on {connection.Host}";

    public override async Task<bool> ExistsAsync()
    {
        await using var server = await OpenServerAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", server);
        command.Parameters.AddWithValue("name", Database);
        return await command.ExecuteScalarAsync() is not null;
    }

    public override async Task<double> SizeMegabytesAsync()
    {
        await using var raw = OpenRaw();
        await using var command = raw.Command("SELECT pg_database_size(current_database())");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) / 1048576.0;
    }

    public override RawSql OpenRaw()
    {
        var raw = new NpgsqlConnection(connection.ConnectionString);
        raw.Open();
        return new RawSql(raw, PostgreSqlRawDialect.Instance);
    }

    public override BenchStore Fresh(string name) =>
        new PostgreSqlBenchStore(new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Database = TemporaryName(name) }) { IsTemporary = true };

    public override async Task DropAsync()
    {
        if (!IsTemporary) return;
        NpgsqlConnection.ClearAllPools();
        await using var server = await OpenServerAsync();
        // FORCE: the app process that used it may have left connections behind when it was killed.
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", server);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The server's maintenance database, to ask about or drop the benchmark's own.</summary>
    private async Task<NpgsqlConnection> OpenServerAsync()
    {
        var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await server.OpenAsync();
        return server;
    }

    private static string TemporaryName(string purpose) =>
        string.Create(CultureInfo.InvariantCulture, $"contacts_{purpose}_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}");
}
