using System.Globalization;
using System.Net;
using System.Text;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>The app with small limits: a 2 KB body, 3 requests a minute per key, 2 form posts a minute per IP.</summary>
public sealed class LimitedApiApp : ApiApp
{
    public const int BodyLimit = 2048;

    /// <summary>
    /// Windows follow the clock, so a test's requests on either side of a window's end would not meet the limit: a
    /// day's window ends at midnight UTC only.
    /// </summary>
    public const string Window = "1.00:00:00";

    protected override AppFactoryOptions Options => new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Api:MaxRequestBodyBytes"] = BodyLimit.ToString(CultureInfo.InvariantCulture),
            ["Api:RateLimit:PermitLimit"] = "3",
            ["Api:RateLimit:Window"] = Window,
            ["Api:FormRateLimit:PermitLimit"] = "2",
            ["Api:FormRateLimit:Window"] = Window,
        },
    };
}

/// <summary>413 for a body over the configured limit; 429 with Retry-After per API key and per IP for the form.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ApiLimitTests(LimitedApiApp app) : IClassFixture<LimitedApiApp>
{
    private static string Oversized(string externalId) =>
        $$"""{ "externalCustomerId": "{{externalId}}", "fields": [ { "id": "note", "value": "{{new string('x', LimitedApiApp.BodyLimit)}}" } ] }""";

    [Fact]
    public async Task A_body_over_the_configured_limit_is_refused_with_413_and_nothing_is_written()
    {
        using var client = app.Client(await app.CreateKeyAsync(app.Unique("big ")));
        var externalId = app.Unique("u-");

        using var response = await client.PostJsonAsync("/api/v1/contact", Oversized(externalId), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType());
        Assert.Contains("2,048", (await response.BodyAsync(Ct))["detail"]!.GetValue<string>());
        await using var db = app.Database.NewContext();
        Assert.False(await db.Contacts.AnyAsync(c => c.ExternalId == externalId, Ct));
    }

    [Fact]
    public async Task A_body_of_unknown_length_over_the_limit_is_refused_with_413_too()
    {
        using var client = app.Client(await app.CreateKeyAsync(app.Unique("chunked ")));
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Oversized(app.Unique("u-")))));
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync("/api/v1/contact", content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Too_many_requests_with_one_key_get_429_with_retry_after_and_another_key_is_not_held_up()
    {
        using var busy = app.Client(await app.CreateKeyAsync(app.Unique("busy ")));
        using var calm = app.Client(await app.CreateKeyAsync(app.Unique("calm ")));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await busy.GetAsync("/api/v1/contacts/987654321", Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 86_400 }, $"Retry-After: {response.Headers.RetryAfter}");
                Assert.Equal("application/problem+json", response.MediaType());
            }
        }
        using var other = await calm.GetAsync("/api/v1/contacts/987654321", Ct);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task The_public_form_is_rate_limited_per_ip_address()
    {
        var form = new SubscriptionForm { Key = app.Unique("limited-"), Name = "Limited" };
        await using (var db = app.Database.NewContext())
        {
            db.SubscriptionForms.Add(form);
            await db.SaveChangesAsync(Ct);
        }
        using var client = app.Client("");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await client.PostJsonAsync($"/forms/{form.Key}", $$"""{ "email": "{{app.Unique("v")}}@example.com" }""", Ct);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(last!.Headers.RetryAfter);
        last.Dispose();
    }
}
