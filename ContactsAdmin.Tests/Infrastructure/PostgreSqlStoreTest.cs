namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// A store test of something only PostgreSQL has: in the SQLite pass each test skips, saying <paramref name="what"/> is
/// PostgreSQL's, and makes no database; in the PostgreSQL pass (CONTACTS_TEST_STORE=PostgreSQL) it runs as any store test.
/// Mark the class [Trait(TestStore.Trait, TestStore.PostgreSqlOnly)] too, so test.sh's second pass picks it.
/// </summary>
public abstract class PostgreSqlStoreTest(string what) : StoreTest
{
    public override async ValueTask InitializeAsync()
    {
        if (!TestStore.IsPostgreSql) Assert.Skip($"{what}: runs in the PostgreSQL pass (CONTACTS_TEST_STORE=PostgreSQL).");
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (TestStore.IsPostgreSql) await base.DisposeAsync();   // a skipped test made no database
    }
}
