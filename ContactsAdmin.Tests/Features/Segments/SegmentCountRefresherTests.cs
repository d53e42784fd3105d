using ContactsAdmin.Data;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static ContactsAdmin.Tests.Features.Segments.SegmentRules;

namespace ContactsAdmin.Tests.Features.Segments;

/// <summary>The background refresh counts segments never counted or counted longer ago than the setting, and leaves fresh counts.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class SegmentCountRefresherTests : StoreTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private SegmentStore segments = null!;
    private SegmentCountRefresher refresher = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        segments = new SegmentStore(Factory, TestAuthorization.AppPolicies(), clock);
        refresher = new SegmentCountRefresher(segments, Factory, new SegmentCountOptions { RefreshAfterMinutes = 15 }, clock,
            NullLogger<SegmentCountRefresher>.Instance);
    }

    private async Task<int> CreateAsync(string name) =>
        Assert.IsType<SegmentOutcome.Saved>(await segments.CreateAsync(name, SourceIs(ContactSource.Import), TestUsers.Marketer(), Ct)).Id;

    [Fact]
    public async Task Never_counted_and_old_counts_are_refreshed_and_a_fresh_one_is_left()
    {
        await Store.ContactAsync(c => c.Source = ContactSource.Import);
        var old = await CreateAsync("Old count");
        await segments.CountAsync(old, Ct);
        clock.Advance(TimeSpan.FromMinutes(10));
        var fresh = await CreateAsync("Fresh count");
        await segments.CountAsync(fresh, Ct);
        var never = await CreateAsync("Never counted");
        await Store.ContactAsync(c => c.Source = ContactSource.Import);
        clock.Advance(TimeSpan.FromMinutes(6));

        var counted = await refresher.RefreshStaleAsync(Ct);

        Assert.Equal(2, counted);
        var now = clock.GetUtcNow().UtcDateTime;
        Assert.Equal((2, now), await CountOf(old));
        Assert.Equal((2, now), await CountOf(never));
        Assert.Equal((1, now.AddMinutes(-6)), await CountOf(fresh));
        Assert.Equal(0, await refresher.RefreshStaleAsync(Ct));
    }

    private async Task<(int?, DateTime?)> CountOf(int id) => (await segments.FindAsync(id, Ct)) is { } s ? (s.MemberCount, s.CountedAt) : (null, null);
}
