using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>
/// Every input the API takes is bounded, and refused with a 400 naming the field: an event's parameters (count, name,
/// value), its time, custom date and number values; invisible characters in identifiers, keys and device fields;
/// a property sent twice; a phone number spelled with letters.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class InputBoundsTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string Event(string parameters, string? occurredAt = null) => $$"""
        { "eventTypeKey": "AddToCart", "keyValue": "{{app.Unique("k-")}}" {{(occurredAt is null ? "" : $", \"occurredAt\": \"{occurredAt}\"")}},
          "params": [ { "name": "externalCustomerId", "value": "{{app.Unique("u-")}}" }{{parameters}} ] }
        """;

    private static string Params(int count, Func<int, string> value) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $$""", { "name": "p{{i}}", "value": {{value(i)}} }"""));

    /// <summary>The answer's status and the field paths it names, in order, separated by spaces.</summary>
    private async Task<(HttpStatusCode Status, string Paths)> PostAsync(string path, string json)
    {
        using var client = app.Client();
        using var response = await client.PostJsonAsync(path, json, Ct);
        var paths = response.StatusCode == HttpStatusCode.BadRequest ? await response.ErrorPathsAsync(Ct) : [];
        return (response.StatusCode, string.Join(" ", paths.Order(StringComparer.Ordinal)));
    }

    private async Task<int> ActivitiesAsync()
    {
        await using var db = app.Database.NewContext();
        return await db.Activities.CountAsync(Ct);
    }

    [Fact]
    public async Task An_event_with_more_parameters_than_the_limit_is_refused_naming_params_and_nothing_is_stored()
    {
        var before = await ActivitiesAsync();

        var refused = await PostAsync("/api/v1/event", Event(Params(EventLimits.MaxParameters, i => $"{i}")));
        var accepted = await PostAsync("/api/v1/event", Event(Params(EventLimits.MaxParameters - 1, i => $"{i}")));

        Assert.Equal((HttpStatusCode.BadRequest, "params"), (refused.Status, refused.Paths));
        Assert.Equal(HttpStatusCode.Created, accepted.Status);
        Assert.Equal(before + 1, await ActivitiesAsync());
    }

    [Fact]
    public async Task A_parameter_value_over_the_limit_is_refused_naming_that_value()
    {
        var longValue = JsonSerializer.Serialize(new string('x', EventLimits.MaxParameterValueLength + 1));
        var atLimit = JsonSerializer.Serialize(new string('x', EventLimits.MaxParameterValueLength));

        var refused = await PostAsync("/api/v1/event", Event(Params(3, i => i == 2 ? longValue : "1")));
        var longNumber = await PostAsync("/api/v1/event", Event(Params(1, _ => new string('9', EventLimits.MaxParameterValueLength + 1))));
        var longName = await PostAsync("/api/v1/event", Event($$""", { "name": "{{new string('n', EventLimits.MaxParameterNameLength + 1)}}", "value": 1 }"""));
        var accepted = await PostAsync("/api/v1/event", Event(Params(1, _ => atLimit)));

        // params[0] names the contact; the third parameter sent is params[3].
        Assert.Equal((HttpStatusCode.BadRequest, "params[3].value"), (refused.Status, refused.Paths));
        Assert.Equal("params[1].value", longNumber.Paths);
        Assert.Equal("params[1].name", longName.Paths);
        Assert.Equal(HttpStatusCode.Created, accepted.Status);
    }

    [Fact]
    public async Task An_event_time_outside_ten_years_back_and_a_day_ahead_is_refused_on_every_path_that_takes_one()
    {
        var now = DateTimeOffset.UtcNow;
        var before = await ActivitiesAsync();

        var yearOne = await PostAsync("/api/v1/event", Event("", "0001-01-01T00:00:00Z"));
        var tooOld = await PostAsync("/api/v1/event", Event("", Iso(now.AddYears(-10).AddDays(-1))));
        var tooLate = await PostAsync("/api/v1/event", Event("", Iso(now.AddDays(2))));
        var status = await PostAsync("/api/v1/messages/status", $$"""
            { "channel": "email", "messageName": "Spring sale", "status": "Delivered", "occurredAt": "0001-01-01T00:00:00Z",
              "email": "{{app.Unique("m")}}@example.com" }
            """);
        using var client = app.Client();
        using var bulk = await client.PostJsonAsync("/api/v1/events", $"[{Event("", "1990-05-01T00:00:00Z")}, {Event("", Iso(now.AddYears(-9)))}]", Ct);
        var results = (await bulk.BodyAsync(Ct))["results"]!;

        Assert.All([yearOne, tooOld, tooLate, status], r => Assert.Equal((HttpStatusCode.BadRequest, "occurredAt"), (r.Status, r.Paths)));
        Assert.Equal(["occurredAt"], results[0]!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(201, results[1]!["status"]!.GetValue<int>());
        Assert.Equal(before + 1, await ActivitiesAsync());
    }

    [Fact]
    public async Task Custom_dates_and_numbers_outside_their_bounds_are_refused_naming_the_field()
    {
        var date = await app.Store.FieldAsync(app.Unique("renewal_"), CustomFieldType.Date);
        var number = await app.Store.FieldAsync(app.Unique("spent_"), CustomFieldType.Number);
        string Contact(string dateValue, string numberValue) => $$"""
            { "externalCustomerId": "{{app.Unique("u-")}}",
              "fields": [ { "id": "{{date.Key}}", "value": "{{dateValue}}" }, { "id": "{{number.Key}}", "value": {{numberValue}} } ] }
            """;

        var refused = await PostAsync("/api/v1/contact", Contact("0001-01-01", "1e300"));
        var accepted = await PostAsync("/api/v1/contact", Contact("2200-12-31", "-1e15"));

        Assert.Equal((HttpStatusCode.BadRequest, "fields[0].value fields[1].value"), (refused.Status, refused.Paths));
        Assert.Equal(HttpStatusCode.Created, accepted.Status);
    }

    // Zero-width space, right-to-left override, first-strong isolate, byte-order mark, zero-width joiner, NUL (as JSON escapes).
    public static TheoryData<string> Invisible => ["\\u200B", "\\u202E", "\\u2068", "\\uFEFF", "\\u200D", "\\u0000", "\\u2060"];

    [Theory]
    [MemberData(nameof(Invisible))]
    public async Task Invisible_characters_are_refused_in_identifiers_event_keys_and_device_fields(string c)
    {
        var contact = await PostAsync("/api/v1/contact", $$"""
            { "externalCustomerId": "u-{{c}}{{app.Unique("")}}", "channels": [ { "type": "email", "value": "a{{c}}{{app.Unique("b")}}@example.com" },
              { "type": "sms", "value": "+380 50 123{{c}} 45 67" } ] }
            """);
        var e = await PostAsync("/api/v1/event", $$"""
            { "eventTypeKey": "Add{{c}}ToCart", "keyValue": "k{{c}}{{app.Unique("")}}",
              "params": [ { "name": "externalCustomerId", "value": "{{app.Unique("u-")}}" }, { "name": "pri{{c}}ce", "value": 1 } ] }
            """);
        var device = await PostAsync("/api/v1/devices", $$"""
            { "deviceId": "d{{c}}{{app.Unique("")}}", "osType": "ANDROID", "deviceModel": "Pixel{{c}} 8", "appVersion": "4.1{{c}}" }
            """);

        Assert.Equal((HttpStatusCode.BadRequest, "channels[0].value channels[1].value externalCustomerId"), (contact.Status, contact.Paths));
        Assert.Equal((HttpStatusCode.BadRequest, "eventTypeKey keyValue params[1].name"), (e.Status, e.Paths));
        Assert.Equal((HttpStatusCode.BadRequest, "appVersion deviceId deviceModel"), (device.Status, device.Paths));
    }

    [Fact]
    public async Task A_property_sent_twice_is_refused_naming_it_and_nothing_is_written()
    {
        var first = app.Unique("twice") + "@example.com";
        var second = app.Unique("twice") + "@example.com";
        using var client = app.Client();

        using var response = await client.PostJsonAsync("/api/v1/devices",
            $$"""{ "deviceId": "{{app.Unique("d-")}}", "osType": "IOS", "email": "{{first}}", "email": "{{second}}" }""", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'email'", (await response.BodyAsync(Ct))["detail"]!.GetValue<string>());
        await using var db = app.Database.NewContext();
        Assert.False(await db.Contacts.AnyAsync(c => c.Email == first || c.Email == second, Ct));
    }

    [Fact]
    public async Task A_phone_number_spelled_with_letters_is_refused_not_mapped_to_keypad_digits()
    {
        var response = await PostAsync("/api/v1/contact", $$"""
            { "externalCustomerId": "{{app.Unique("u-")}}", "channels": [ { "type": "sms", "value": "+1-800-FLOWERS" } ] }
            """);

        Assert.Equal((HttpStatusCode.BadRequest, "channels[0].value"), (response.Status, response.Paths));
        await using var db = app.Database.NewContext();
        Assert.False(await db.Contacts.AnyAsync(c => c.Phone == "+18003569377", Ct));
    }
}
