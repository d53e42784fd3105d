using System.Net;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>Authenticating an API call never waits on writing the key's last use: it is kept in memory and written in batches.</summary>
public class ApiKeyLastUseTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static async Task<DateTime?> StoredLastUseAsync(ApiApp on, int keyId)
    {
        await using var db = on.Database.NewContext();
        return (await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == keyId, Ct)).LastUsedAt;
    }

    [Fact]
    public async Task A_call_is_authenticated_while_the_store_is_write_locked_and_its_last_use_is_written_by_the_next_flush()
    {
        var keys = app.Factory.Services.GetRequiredService<ApiKeyService>();
        var key = await keys.CreateAsync(app.Unique("busy hour "), "tests", ct: Ct);
        using var client = app.Client(key.Key);

        HttpStatusCode status;
        await using (var holder = new SqliteConnection(app.Database.ConnectionString + ";Pooling=False"))
        {
            // Another writer holds the lock (a bulk import, a backup): reads go on, writes wait.
            await holder.OpenAsync(Ct);
            await using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync(Ct);
            // Writing the last use would wait out the busy timeout (10 s) and more; a read-only call needs no write at all.
            // (Not much less than that: this may be the app's first call to the API, compiled and cached on a busy machine.)
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            patience.CancelAfter(TimeSpan.FromSeconds(8));
            using var response = await client.GetAsync("/api/v1/contacts/987654321", patience.Token);
            status = response.StatusCode;
        }
        // (ApiKeyServiceTests shows nothing is written before a flush; here the background writer may have flushed already.)
        await keys.FlushLastUsesAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.NotNull(await StoredLastUseAsync(app, key.Id));
    }

    [Trait(TestStore.Trait, TestStore.BothEngines)]
    [Fact]
    public async Task Last_uses_not_yet_written_are_written_when_the_app_stops()
    {
        // On a clock that never moves, the periodic flush never comes (under load it once did, before the stop):
        // only the shutdown can write the last use.
        var stopping = new StoppedClockApp();
        await stopping.InitializeAsync();
        try
        {
            var key = await stopping.Factory.Services.GetRequiredService<ApiKeyService>().CreateAsync("until shutdown", "tests", ct: Ct);
            using (var client = stopping.Client(key.Key))
            using (var response = await client.GetAsync("/api/v1/contacts/987654321", Ct))
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);   // authenticated: the use is recorded
            var beforeStop = await StoredLastUseAsync(stopping, key.Id);

            await stopping.Factory.DisposeAsync();

            Assert.Null(beforeStop);
            // The factory's stop and the app's own (its RunAsync) stop the services at once: the write is stored when
            // either returns (a loaded clean-clone run read it while the other call was still writing).
            Assert.NotNull(await StoredLastUseAsync(stopping, key.Id));
        }
        finally
        {
            await stopping.Database.DisposeAsync();
        }
    }

    private sealed class StoppedClockApp : ApiApp
    {
        private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));

        protected override AppFactoryOptions Options => new()
        {
            ConfigureHost = builder => builder.ConfigureServices(services => { services.RemoveAll<TimeProvider>(); services.AddSingleton<TimeProvider>(clock); }),
        };
    }
}
