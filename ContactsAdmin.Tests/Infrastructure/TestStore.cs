using ContactsAdmin.Data;
using Npgsql;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// Which engine this run's stores are on: SQLite unless CONTACTS_TEST_STORE=PostgreSQL, which test.sh sets for its
/// second pass over the tests marked <c>[Trait(TestStore.Trait, TestStore.BothEngines)]</c>, on the throwaway server
/// it started (CONTACTS_TEST_POSTGRES). The one place that decides what a missing server means: skipped on a
/// developer's machine, failed under CI=true, as a missing browser is.
/// </summary>
public static class TestStore
{
    /// <summary>The trait test.sh selects the PostgreSQL pass by: a test class that touches the store through the app's code.</summary>
    public const string Trait = "Store";

    public const string BothEngines = "Both";

    /// <summary>A test of PostgreSQL itself (its catalog): test.sh runs it in the PostgreSQL pass only.</summary>
    public const string PostgreSqlOnly = "PostgreSQL";

    public static StoreProvider Provider { get; } =
        Enum.TryParse<StoreProvider>(Environment.GetEnvironmentVariable("CONTACTS_TEST_STORE"), ignoreCase: true, out var provider)
            ? provider : StoreProvider.Sqlite;

    public static bool IsPostgreSql => Provider == StoreProvider.PostgreSQL;

    /// <summary>The app's settings that choose this run's engine (none for SQLite, the default).</summary>
    public static IReadOnlyDictionary<string, string?> EngineSettings { get; } = IsPostgreSql
        ? new Dictionary<string, string?> { ["Database:Provider"] = nameof(StoreProvider.PostgreSQL) }
        : new Dictionary<string, string?>();

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server's connection string without a database; skips the test (fails it under CI) when there is none.</summary>
    public static NpgsqlConnectionStringBuilder RequirePostgreSqlServer()
    {
        if (Environment.GetEnvironmentVariable("CONTACTS_TEST_POSTGRES") is { Length: > 0 } server)
            return new NpgsqlConnectionStringBuilder(server);
        const string reason = "No PostgreSQL server for the tests (CONTACTS_TEST_POSTGRES is not set; test.sh starts one).";
        if (IsCi)
            Assert.Fail($"{reason} Under CI=true a missing server is a failure, not a skip.");
        Assert.Skip(reason);
        return null!;
    }
}
