using System.Net;
using System.Text;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Forms;

/// <summary>The app on a real port, for what a browser on another site sends to a form.</summary>
public sealed class FormCorsAppFixture : IAsyncLifetime
{
    public AppFactory App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await AppFactory.CreateAsync(new() { RealPort = true });
        App.StartServer();
        Client = new HttpClient { BaseAddress = App.ClientOptions.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>CORS for POST /forms/{key} over real HTTP: the form's allowed origins get the header; others get none.</summary>
public class FormCorsTests(FormCorsAppFixture fixture) : IClassFixture<FormCorsAppFixture>
{
    private const string Allowed = "https://shop.example.com";

    private async Task<SubscriptionForm> FormAsync(bool active = true)
    {
        var category = await new StoreBuilder(fixture.App.Database).CategoryAsync("Newsletter " + Guid.NewGuid().ToString("N")[..8]);
        var form = new SubscriptionForm
        {
            Key = "form-" + Guid.NewGuid().ToString("N")[..10], Name = "Footer", CategoryKeys = [category.Key],
            AllowedOrigins = [Allowed, "http://localhost:8080"], IsActive = active,
        };
        await using var db = fixture.App.Database.NewContext();
        db.SubscriptionForms.Add(form);
        await db.SaveChangesAsync(Ct);
        return form;
    }

    private async Task<HttpResponseMessage> PreflightAsync(string formKey, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"/forms/{formKey}");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await fixture.Client.SendAsync(request, Ct);
    }

    private async Task<HttpResponseMessage> PostAsync(string formKey, string origin, string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/forms/{formKey}")
        {
            Content = new StringContent($$"""{ "email": "{{email}}" }""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", origin);
        return await fixture.Client.SendAsync(request, Ct);
    }

    private static string? AllowOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? string.Join(",", values) : null;

    [Theory]
    [InlineData(Allowed)]
    [InlineData("http://localhost:8080")]
    public async Task A_preflight_from_an_allowed_origin_is_allowed_for_that_origin(string origin)
    {
        var form = await FormAsync();

        using var response = await PreflightAsync(form.Key, origin);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Equal(origin, AllowOrigin(response));
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("http://shop.example.com")]
    [InlineData("https://shop.example.com:8443")]
    public async Task A_preflight_from_any_other_origin_gets_no_allow_origin_header(string origin)
    {
        var form = await FormAsync();

        using var response = await PreflightAsync(form.Key, origin);

        Assert.Null(AllowOrigin(response));
    }

    [Fact]
    public async Task One_forms_origins_do_not_open_another_form()
    {
        await FormAsync();
        var other = await FormAsync();
        await using (var db = fixture.App.Database.NewContext())
        {
            var stored = await db.SubscriptionForms.SingleAsync(f => f.Id == other.Id, Ct);
            stored.AllowedOrigins = ["https://other.example.com"];
            await db.SaveChangesAsync(Ct);
        }

        using var response = await PreflightAsync(other.Key, Allowed);

        Assert.Null(AllowOrigin(response));
    }

    [Fact]
    public async Task A_post_from_an_allowed_origin_is_readable_there_and_counted()
    {
        var form = await FormAsync();

        using var response = await PostAsync(form.Key, Allowed, $"{Guid.NewGuid():N}@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Allowed, AllowOrigin(response));
        await using var db = fixture.App.Database.NewContext();
        Assert.Equal(1, await db.FormSubmissionRecords.CountAsync(s => s.FormId == form.Id, Ct));
    }

    [Fact]
    public async Task A_post_from_another_origin_gets_no_allow_origin_header()
    {
        var form = await FormAsync();

        using var response = await PostAsync(form.Key, "https://evil.example.com", $"{Guid.NewGuid():N}@example.com");

        Assert.Null(AllowOrigin(response));
    }

    [Fact]
    public async Task A_paused_form_still_answers_404_and_counts_nothing()
    {
        var form = await FormAsync(active: false);

        using var response = await PostAsync(form.Key, Allowed, $"{Guid.NewGuid():N}@example.com");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = fixture.App.Database.NewContext();
        Assert.False(await db.FormSubmissionRecords.AnyAsync(s => s.FormId == form.Id, Ct));
    }

    [Fact]
    public async Task A_bot_caught_by_the_honeypot_is_not_counted()
    {
        var form = await FormAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/forms/{form.Key}")
        {
            Content = new StringContent("""{ "email": "bot@example.com", "website": "http://spam.example" }""", Encoding.UTF8, "application/json"),
        };

        using var response = await fixture.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = fixture.App.Database.NewContext();
        Assert.False(await db.FormSubmissionRecords.AnyAsync(s => s.FormId == form.Id, Ct));
    }
}
