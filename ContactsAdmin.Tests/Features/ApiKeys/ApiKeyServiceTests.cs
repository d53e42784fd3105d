using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.ApiKeys;

/// <summary>
/// The service remembers found keys for a short time, so an API request costs no look-up; revoking through it
/// must still stop a key at once, and "last used" is written at most once a minute.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ApiKeyServiceTests : StoreTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private ApiKeyService keys = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        keys = new ApiKeyService(Factory, clock);
    }

    private async Task<DateTime?> StoredLastUsedAsync(int id)
    {
        await using var db = NewContext();
        return await db.ApiKeys.Where(k => k.Id == id).Select(k => k.LastUsedAt).SingleAsync(Ct);
    }

    [Fact]
    public async Task A_key_found_a_moment_ago_is_found_revoked_right_after_it_is_revoked()
    {
        var created = await keys.CreateAsync("shop", "tests", ct: Ct);
        Assert.Null((await keys.FindAsync(created.Key, Ct))!.RevokedAt);   // remembered from now on

        Assert.True(await keys.RevokeAsync(created.Id, ct: Ct));

        Assert.Equal(clock.GetUtcNow().UtcDateTime, (await keys.FindAsync(created.Key, Ct))!.RevokedAt);
    }

    [Fact]
    public async Task A_found_key_is_remembered_for_30_seconds_then_read_again()
    {
        var created = await keys.CreateAsync("shop", "tests", ct: Ct);
        await keys.FindAsync(created.Key, Ct);
        await using (var db = NewContext())
            await db.ApiKeys.Where(k => k.Id == created.Id).ExecuteUpdateAsync(u => u.SetProperty(k => k.Name, "renamed"), Ct);

        clock.Advance(TimeSpan.FromSeconds(29));
        var remembered = await keys.FindAsync(created.Key, Ct);
        clock.Advance(TimeSpan.FromSeconds(2));
        var readAgain = await keys.FindAsync(created.Key, Ct);

        Assert.Equal(("shop", "renamed"), (remembered!.Name, readAgain!.Name));
    }

    [Fact]
    public async Task Last_use_is_kept_in_memory_and_a_flush_writes_the_latest_use_of_each_key_once()
    {
        var shop = await keys.CreateAsync("shop", "tests", ct: Ct);
        var app = await keys.CreateAsync("app", "tests", ct: Ct);
        var first = clock.GetUtcNow().UtcDateTime;

        keys.MarkUsed((await keys.FindAsync(shop.Key, Ct))!, first.AddSeconds(20));
        keys.MarkUsed((await keys.FindAsync(shop.Key, Ct))!, first);   // a request that started earlier, finished later
        keys.MarkUsed((await keys.FindAsync(app.Key, Ct))!, first.AddSeconds(5));
        var beforeFlush = await StoredLastUsedAsync(shop.Id);
        var listed = (await keys.ListAsync(Ct)).Single(k => k.Id == shop.Id).LastUsedAt;
        var written = await keys.FlushLastUsesAsync(Ct);

        Assert.Null(beforeFlush);
        Assert.Equal(first.AddSeconds(20), listed);   // the page shows it before it is written
        Assert.Equal(2, written);
        Assert.Equal(first.AddSeconds(20), await StoredLastUsedAsync(shop.Id));
        Assert.Equal(first.AddSeconds(5), await StoredLastUsedAsync(app.Id));
        Assert.Equal(0, await keys.FlushLastUsesAsync(Ct));
    }

    [Fact]
    public async Task A_flush_that_finds_nothing_left_returns_only_after_the_one_writing_has_stored_the_uses()
    {
        // The host stops its services twice at once when the app runs under a test host (the factory's stop and the app's
        // own RunAsync): the stop that finds the uses taken must not return before they are stored.
        var shop = await keys.CreateAsync("shop", "tests", ct: Ct);
        keys.MarkUsed((await keys.FindAsync(shop.Key, Ct))!, clock.GetUtcNow().UtcDateTime);
        Task<int> first, second;
        await using (var holder = NewContext())
        {
            // Another writer holds the key's row: the first flush takes the use, then waits on the store.
            await using var transaction = await holder.Database.BeginTransactionAsync(Ct);
            await holder.ApiKeys.Where(k => k.Id == shop.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.Name, k => k.Name), Ct);
            first = Task.Run(() => keys.FlushLastUsesAsync(Ct), Ct);
            while ((await keys.ListAsync(Ct)).Single(k => k.Id == shop.Id).LastUsedAt is not null) await Task.Delay(20, Ct);
            second = Task.Run(() => keys.FlushLastUsesAsync(Ct), Ct);
            await Task.Delay(300, Ct);
            Assert.False(second.IsCompleted, "The second flush returned while the first was still writing.");
            await transaction.RollbackAsync(Ct);
        }

        Assert.Equal(0, await second);
        Assert.Equal(1, await first);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, await StoredLastUsedAsync(shop.Id));
    }
}
