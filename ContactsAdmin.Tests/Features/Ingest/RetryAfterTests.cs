using System.Net;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>The app on a clock the test moves, with one request per five minutes per key.</summary>
public sealed class ClockedLimitApp : ApiApp
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));

    protected override AppFactoryOptions Options => new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Api:RateLimit:PermitLimit"] = "1",
            ["Api:RateLimit:Window"] = "00:05:00",
        },
        ConfigureHost = builder => builder.ConfigureServices(services => { services.RemoveAll<TimeProvider>(); services.AddSingleton<TimeProvider>(Clock); }),
    };
}

/// <summary>Retry-After counts down to the end of the rate limit's window, as the README says.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class RetryAfterTests(ClockedLimitApp app) : IClassFixture<ClockedLimitApp>
{
    [Fact]
    public async Task Retry_after_is_the_time_left_in_the_window_and_counts_down()
    {
        using var client = app.Client(await app.CreateKeyAsync(app.Unique("hasty ")));
        // 100 s into a five-minute window of the clock.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 11, 1, 40, TimeSpan.Zero));

        using var allowed = await client.GetAsync("/api/v1/contacts/987654321", Ct);
        using var first = await client.GetAsync("/api/v1/contacts/987654321", Ct);
        app.Clock.Advance(TimeSpan.FromSeconds(50));
        using var second = await client.GetAsync("/api/v1/contacts/987654321", Ct);
        app.Clock.Advance(TimeSpan.FromSeconds(150));   // the window is over
        using var next = await client.GetAsync("/api/v1/contacts/987654321", Ct);

        Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        Assert.Equal((HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(200)), (first.StatusCode, first.Headers.RetryAfter?.Delta));
        Assert.Equal((HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(150)), (second.StatusCode, second.Headers.RetryAfter?.Delta));
        Assert.Contains("150 second", (await second.BodyAsync(Ct))["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, next.StatusCode);
    }

    [Theory]
    [InlineData("2026-12-04T10:00:00.0000000Z", 60)]
    [InlineData("2026-12-04T10:00:00.0000001Z", 60)]
    [InlineData("2026-12-04T10:00:59.1000000Z", 1)]
    [InlineData("2026-12-04T10:00:59.9999999Z", 1)]
    [InlineData("2026-12-04T10:00:30.5000000Z", 30)]
    public void Retry_after_rounds_the_time_left_up_to_whole_seconds_within_the_window(string now, int seconds)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        var (_, end) = ApiRateLimits.WindowAt(at, TimeSpan.FromMinutes(1));

        Assert.Equal(new DateTimeOffset(2026, 12, 4, 10, 1, 0, TimeSpan.Zero), end);
        Assert.Equal(seconds, ApiRateLimits.RetryAfterSeconds(at, end));
    }
}
