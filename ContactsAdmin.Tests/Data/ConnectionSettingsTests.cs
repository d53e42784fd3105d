using System.Globalization;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Data;

/// <summary>
/// Contexts come from a pool and their native connections from another; the settings are applied once per native
/// connection and the Unicode lower() on every open. Whatever context a request gets, it must see both.
/// </summary>
public class ConnectionSettingsTests : StoreTest
{
    [Fact]
    public async Task Every_context_from_the_pools_has_the_settings_and_the_unicode_lower_function()
    {
        var ct = TestContext.Current.CancellationToken;

        for (var round = 0; round < 5; round++)
        {
            // Several contexts open at once take several native connections; later rounds reuse them.
            var contexts = Enumerable.Range(0, 3).Select(_ => NewContext()).ToList();
            foreach (var db in contexts)
            {
                await db.Database.OpenConnectionAsync(ct);
                Assert.Equal(10000, await db.Database.SqlQueryRaw<long>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync(ct));
                Assert.Equal(1, await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync(ct));   // NORMAL
                Assert.Equal(-65536, await db.Database.SqlQueryRaw<long>("SELECT cache_size AS Value FROM pragma_cache_size").SingleAsync(ct));   // 64 MiB
                await using (var mmap = db.Database.GetDbConnection().CreateCommand())
                {
                    mmap.CommandText = "PRAGMA mmap_size";   // has no table-valued form
                    Assert.True(Convert.ToInt64(await mmap.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0);
                }
                var lowered = await db.Database.SqlQueryRaw<string>("SELECT lower('ОЛЕНА Zoë') AS Value").SingleAsync(ct);
                Assert.Equal("олена zoë", lowered);
            }
            foreach (var db in contexts) await db.DisposeAsync();
        }
    }
}
