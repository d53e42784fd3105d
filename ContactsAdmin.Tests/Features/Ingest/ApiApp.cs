using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>
/// The app on its own database with an API key that may do everything. A test class shares one (its tests
/// run one after another); each test makes its own contacts with identifiers no other test uses.
/// </summary>
public class ApiApp : IAsyncLifetime
{
    private int unique;

    // The store outlives the app: a test may stop the app and read what it left.
    public TestDatabase Database { get; private set; } = null!;
    public AppFactory Factory { get; private set; } = null!;
    public StoreBuilder Store { get; private set; } = null!;
    public string Key { get; private set; } = "";

    /// <summary>How the app starts: other limits, a clock, requests through a proxy.</summary>
    protected virtual AppFactoryOptions Options => new();

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Store = new StoreBuilder(Database);
        await BeforeStartAsync();
        Factory = new AppFactory(Database, Options);
        Factory.StartServer();
        Key = await CreateKeyAsync("test suite");
        await StartedAsync();
    }

    /// <summary>Runs on the store before the app starts: e.g. a row for the app's first background round to go through.</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>Runs once the app is up, before any test: e.g. a wait until that first round is over.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A text no other test of this app uses, for identifiers.</summary>
    public string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref unique)}";

    public async Task<string> CreateKeyAsync(string name, params string[] scopes) =>
        (await Factory.Services.GetRequiredService<ApiKeyService>().CreateAsync(name, "tests", scopes.Length == 0 ? null : scopes)).Key;

    /// <summary>A client sending <paramref name="key"/> (the suite's key by default; "" for none). Redirects are reported, not followed.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        key ??= Key;
        if (key.Length > 0) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A client signed in to the UI as the test Admin (through the sign-in form, as a browser would).</summary>
    public async Task<HttpClient> SignedInClientAsync(CancellationToken ct)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/Account/Login", ct));
        var form = page.QuerySelector("form[method=post]")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Input.Email"] = AppFactory.AdminEmail;
        fields["Input.Password"] = AppFactory.AdminPassword;
        using var response = await client.PostAsync(form.GetAttribute("action") is { Length: > 0 } action ? action : "/Account/Login", new FormUrlEncodedContent(fields), ct);
        if ((int)response.StatusCode >= 400 || response.Headers.Location is null)
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
        return client;
    }
}

/// <summary>Sending JSON and reading answers in tests.</summary>
public static class ApiHttp
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json, CancellationToken ct) =>
        client.PostAsync(path, Json(json), ct);

    public static async Task<JsonNode> BodyAsync(this HttpResponseMessage response, CancellationToken ct) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) ?? throw new InvalidOperationException("Empty body");

    /// <summary>The field paths a validation problem names.</summary>
    public static async Task<IReadOnlyList<string>> ErrorPathsAsync(this HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.BodyAsync(ct);
        return body["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];
    }

    public static string? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType;

    public static AuthenticationHeaderValue? Challenge(this HttpResponseMessage response) => response.Headers.WwwAuthenticate.FirstOrDefault();
}
