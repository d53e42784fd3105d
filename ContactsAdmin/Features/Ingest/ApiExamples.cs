using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ContactsAdmin.Features.Ingest;

/// <summary>An example request (and answer) shown for an endpoint in the OpenAPI document and the reference page.</summary>
public sealed record ApiExample(string Request, string? Response = null, int ResponseStatus = StatusCodes.Status200OK);

/// <summary>
/// The body an endpoint reads itself, for the OpenAPI document. Not <c>Accepts&lt;T&gt;()</c>: that makes routing
/// answer a wrong Content-Type before the endpoint, with an endpoint-less 415 that the app's fallback policy
/// turns into a redirect to the sign-in page. The endpoint answers 415 itself, as a problem detail.
/// </summary>
public sealed record JsonRequestBody(Type Type, IReadOnlyList<string> ContentTypes);

public static class JsonRequestBodyExtensions
{
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder endpoint, params string[] otherContentTypes) =>
        endpoint.WithMetadata(new JsonRequestBody(typeof(T), ["application/json", .. otherContentTypes]));
}

/// <summary>The examples of the API, and the transformer that puts them into the OpenAPI document.</summary>
public static class ApiExamples
{
    public static readonly ApiExample Contact = new("""
        {
          "externalCustomerId": "u-1001",
          "firstName": "Olena", "lastName": "Koval",
          "languageCode": "uk-UA", "timeZone": "Europe/Kyiv",
          "channels": [
            { "type": "email", "value": "olena@example.com" },
            { "type": "sms", "value": "+380501234567" },
            { "type": "mobilepush", "value": "fcm-token-8f2c41d9",
              "device": { "appId": "com.example.shop", "deviceModel": "Pixel 8", "os": "Android", "locale": "uk-UA", "appVersion": "4.1.7", "active": true } }
          ],
          "fields": [ { "id": "loyalty_tier", "value": "gold" } ],
          "subscriptions": ["newsletter"]
        }
        """, """{ "id": 123, "created": true }""", StatusCodes.Status201Created);

    public static readonly ApiExample Contacts = new("""
        [
          { "externalCustomerId": "u-1001", "firstName": "Olena", "channels": [ { "type": "email", "value": "olena@example.com" } ] },
          { "externalCustomerId": "u-1002", "firstName": "Taras", "channels": [ { "type": "email", "value": "not-an-address" } ] }
        ]
        """, """
        {
          "received": 2, "created": 1, "updated": 0, "failed": 1,
          "results": [
            { "index": 0, "status": 201, "id": 123, "created": true },
            { "index": 1, "status": 400, "title": "The contact has invalid fields",
              "errors": { "channels[0].value": ["Enter an email address like name@example.com."] } }
          ]
        }
        """);

    public static readonly ApiExample Event = new("""
        {
          "eventTypeKey": "AddToCart",
          "keyValue": "cart-7781-1",
          "occurredAt": "2026-03-03T10:15:00Z",
          "params": [
            { "name": "externalCustomerId", "value": "u-1001" },
            { "name": "productId", "value": "SKU-4411" },
            { "name": "price", "value": 19.99 }
          ]
        }
        """, """{ "activityId": 5012, "contactId": 123, "duplicate": false, "contactCreated": false }""", StatusCodes.Status201Created);

    public static readonly ApiExample Events = new("""
        [
          { "eventTypeKey": "AddToCart", "keyValue": "cart-7781-1", "occurredAt": "2026-03-03T10:15:00Z",
            "params": [ { "name": "externalCustomerId", "value": "u-1001" }, { "name": "price", "value": 19.99 } ] },
          { "eventTypeKey": "PageViewed", "keyValue": "view-99120",
            "params": [ { "name": "email", "value": "taras@example.com" }, { "name": "page", "value": "/sale" } ] },
          { "eventTypeKey": "AddToCart", "keyValue": "cart-7781-2",
            "params": [ { "name": "email", "value": "not-an-address" } ] }
        ]
        """, """
        {
          "received": 3, "created": 2, "duplicates": 0, "failed": 1,
          "results": [
            { "index": 0, "status": 201, "activityId": 5012, "contactId": 123, "duplicate": false, "contactCreated": false },
            { "index": 1, "status": 201, "activityId": 5013, "contactId": 124, "duplicate": false, "contactCreated": true },
            { "index": 2, "status": 400, "title": "The event has invalid fields",
              "errors": { "params[0].value": ["Enter an email address like name@example.com."] } }
          ]
        }
        """);

    public static readonly ApiExample Device = new("""
        {
          "deviceId": "3f1c9a6e-2b7d-4e0a-9c51-7d2e8b6f0a11",
          "externalUserId": "u-1001",
          "pushToken": "fcm-token-8f2c41d9",
          "category": "MOBILE_PUSH", "osType": "ANDROID", "osVersion": "14",
          "deviceModel": "Pixel 8", "appId": "com.example.shop", "appVersion": "4.1.7",
          "languageCode": "uk-UA", "timeZone": "Europe/Kyiv", "pushSubscribed": true
        }
        """, """{ "id": 123, "created": false, "merged": [ 456 ] }""");

    public static readonly ApiExample MessageStatus = new("""
        {
          "channel": "email", "messageName": "Spring sale", "status": "Undelivered",
          "occurredAt": "2026-03-03T10:15:00Z", "bounceType": "hard", "smtpCode": "5.1.1",
          "diagnostic": "550 5.1.1 user unknown", "email": "olena@example.com"
        }
        """, """{ "activityId": 5013, "contactId": 123, "duplicate": false, "emailStatus": "Blacklisted" }""", StatusCodes.Status201Created);

    public static readonly ApiExample Form = new("""
        { "email": "olena@example.com", "firstName": "Olena", "categories": ["newsletter"], "website": "" }
        """, """{ "message": "Thank you for subscribing.", "subscribed": ["newsletter"] }""");

    public static readonly ApiExample Erase = new("""
        { "email": "olena@example.com" }
        """, """{ "id": 123, "erased": true, "suppressedStatus": "Unsubscribed", "suppressedIdentifiers": 2 }""");

    /// <summary>Describes an endpoint's <see cref="JsonRequestBody"/>, and puts its <see cref="ApiExample"/> on the body and the success answer.</summary>
    public static async Task AddToOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<JsonRequestBody>().LastOrDefault() is { } body)
        {
            var schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = body.ContentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
            };
        }
        if (metadata.OfType<ApiExample>().LastOrDefault() is not { } example) return;
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var request) == true)
            request.Example = JsonNode.Parse(example.Request);
        var status = example.ResponseStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (example.Response is not null && operation.Responses?.TryGetValue(status, out var response) == true
            && response.Content?.TryGetValue("application/json", out var answer) == true)
            answer.Example = JsonNode.Parse(example.Response);
    }
}
