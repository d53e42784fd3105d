using System.Net;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>Who may call the API: a key in X-Api-Key, active, with the scope the endpoint needs.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ApiKeyAccessTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const string Payload = """{ "externalCustomerId": "never-written" }""";

    [Theory]
    [InlineData("")]
    [InlineData("ca_not-a-key-anyone-was-given")]
    public async Task A_missing_or_unknown_key_gets_401_as_a_problem_detail_never_a_redirect(string key)
    {
        using var client = app.Client(key);

        using var response = await client.PostJsonAsync("/api/v1/contact", Payload, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.MediaType());
        Assert.Equal("ApiKey", response.Challenge()?.Scheme);
        Assert.Equal(401, (await response.BodyAsync(Ct))["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_revoked_key_gets_401_saying_it_was_revoked()
    {
        var keys = app.Factory.Services.GetRequiredService<ApiKeyService>();
        var key = await keys.CreateAsync(app.Unique("old key "), "tests", ct: Ct);
        using var client = app.Client(key.Key);
        using var before = await client.GetAsync("/api/v1/contacts/1", Ct);

        Assert.True(await keys.RevokeAsync(key.Id, ct: Ct));
        using var after = await client.PostJsonAsync("/api/v1/contact", Payload, Ct);

        Assert.NotEqual(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", (await after.BodyAsync(Ct))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_key_without_the_endpoints_scope_gets_403()
    {
        using var client = app.Client(await app.CreateKeyAsync(app.Unique("events only "), ApiScopes.EventsWrite));

        using var write = await client.PostJsonAsync("/api/v1/contact", Payload, Ct);
        using var read = await client.GetAsync("/api/v1/contacts/1", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("application/problem+json", write.MediaType());
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task Using_a_key_records_when_it_was_last_used()
    {
        var keys = app.Factory.Services.GetRequiredService<ApiKeyService>();
        var key = await keys.CreateAsync(app.Unique("fresh key "), "tests", ct: Ct);
        using var client = app.Client(key.Key);

        using var response = await client.GetAsync("/api/v1/contacts/1", Ct);
        await keys.FlushLastUsesAsync(Ct);   // what the background writer does every half minute

        await using var db = app.Database.NewContext();
        var stored = await db.ApiKeys.SingleAsync(k => k.Id == key.Id, Ct);
        Assert.NotNull(stored.LastUsedAt);
        Assert.True(DateTime.UtcNow - stored.LastUsedAt < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task An_unknown_api_address_or_method_answers_401_without_a_key_and_404_with_one()
    {
        using var anonymous = app.Client("");
        using var client = app.Client();

        using var withoutKey = await anonymous.GetAsync("/api/v1/no-such-thing", Ct);
        using var wrongMethod = await anonymous.GetAsync("/api/v1/contact", Ct);
        using var withKey = await client.GetAsync("/api/v1/no-such-thing", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongMethod.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withKey.StatusCode);
        Assert.Equal("application/problem+json", withKey.MediaType());
    }

    [Fact]
    public async Task A_signed_in_user_without_a_key_cannot_call_the_api()
    {
        using var client = await app.SignedInClientAsync(Ct);

        using var response = await client.PostJsonAsync("/api/v1/contact", Payload, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
