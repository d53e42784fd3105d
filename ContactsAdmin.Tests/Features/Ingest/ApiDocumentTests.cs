using System.Net;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>The OpenAPI document and the interactive reference page.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ApiDocumentTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_with_examples_and_the_api_key_scheme()
    {
        using var client = app.Client();

        using var response = await client.GetAsync("/openapi/v1.json", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.BodyAsync(Ct);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(
            ["/api/v1/contact", "/api/v1/contacts", "/api/v1/contacts/{id}", "/api/v1/contacts/{id}/data", "/api/v1/contacts/erase", "/api/v1/devices", "/api/v1/event", "/api/v1/events", "/api/v1/messages/status",
             "/api/v1/segments", "/api/v1/segments/{id}/contacts", "/forms/{formKey}"],
            paths.Order());
        var upsert = document["paths"]!["/api/v1/contact"]!["post"]!;
        Assert.Equal("u-1001", upsert["requestBody"]!["content"]!["application/json"]!["example"]!["externalCustomerId"]!.GetValue<string>());
        Assert.NotNull(upsert["responses"]!["201"]!["content"]!["application/json"]!["example"]);
        Assert.NotNull(upsert["security"]![0]!["ApiKey"]);
        Assert.Equal("X-Api-Key", document["components"]!["securitySchemes"]!["ApiKey"]!["name"]!.GetValue<string>());
        Assert.NotNull(document["paths"]!["/api/v1/event"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]);
        var bulkEvents = document["paths"]!["/api/v1/events"]!["post"]!;
        Assert.Equal(3, bulkEvents["requestBody"]!["content"]!["application/json"]!["example"]!.AsArray().Count);
        Assert.NotNull(bulkEvents["responses"]!["200"]!["content"]!["application/json"]!["example"]!["results"]);
    }

    [Fact]
    public async Task The_reference_page_is_for_signed_in_users()
    {
        using var anonymous = app.Client("");
        using var signedIn = await app.SignedInClientAsync(Ct);

        using var refused = await anonymous.GetAsync("/api-reference/v1", Ct);
        using var page = await signedIn.GetAsync("/api-reference/v1", Ct);
        using var document = await signedIn.GetAsync("/openapi/v1.json", Ct);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/Login", refused.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.MediaType());
        Assert.Contains("ContactsAdmin API", await page.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_needs_a_key_or_a_signed_in_user()
    {
        using var anonymous = app.Client("");
        using var badKey = app.Client("ca_unknown");

        using var redirected = await anonymous.GetAsync("/openapi/v1.json", Ct);
        using var refused = await badKey.GetAsync("/openapi/v1.json", Ct);

        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
