using ContactsAdmin.Data.PostgreSql;
using ContactsAdmin.Setup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// A database per test on the test server: migrating takes a second or more, so this run migrates one template
/// database once and every test's database is a copy of it (CREATE DATABASE ... TEMPLATE), made in milliseconds.
/// </summary>
internal static class PostgreSqlTestDatabases
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? template;

    /// <summary>A new migrated database's connection string.</summary>
    public static async Task<string> CreateAsync()
    {
        var server = TestStore.RequirePostgreSqlServer();
        var name = $"contacts_test_{Guid.NewGuid():N}";
        var source = await TemplateAsync(server);
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"");
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a test's database, closing its pooled connections first.</summary>
    public static async Task DropAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        await using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" };
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{builder.Database}\" WITH (FORCE)");
    }

    /// <summary>
    /// Where the look-up tables and what they index disagree: identifiers and contacts
    /// (<see cref="PostgreSqlIdentifierStore.DriftQuery"/>), event keys and activities (<see cref="PostgreSqlEventKeyStore.DriftQuery"/>);
    /// one line per row, empty when they are in step.
    /// </summary>
    public static async Task<List<string>> IdentifierDriftAsync(string connectionString)
    {
        var drift = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(PostgreSqlIdentifierStore.DriftQuery + "\nUNION ALL " + PostgreSqlEventKeyStore.DriftQuery, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            drift.Add($"{reader.GetString(0)}, {reader.GetString(1)}, {reader.GetInt64(2)}, {reader.GetString(3)}");
        return drift;
    }

    private static async Task<string> TemplateAsync(NpgsqlConnectionStringBuilder server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (template is not null) return template;
            var name = $"contacts_template_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
            var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>(TestStore.EngineSettings) { ["ConnectionStrings:Contacts"] = connectionString })
                .Build();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddContactsData(configuration);
            await using (var provider = services.BuildServiceProvider())
                await provider.MigrateContactStoreAsync();
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(CitusDistributionRule.InstallSql, connection);
                await command.ExecuteNonQueryAsync();
            }
            // A template must have no connections while it is copied. All pools: the app adds its session settings to
            // the connection string (PostgreSqlStoreEngine), so its pool is not the one this string names.
            NpgsqlConnection.ClearAllPools();
            return template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnectionStringBuilder server, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
