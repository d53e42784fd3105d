using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>
/// POST /api/v1/event stores parallel requests together (one transaction per group); each request must still get
/// exactly the answer it would get alone, and a keyValue is stored once however the requests are grouped.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class EventGroupCommitTests(UnlimitedApiApp app) : IClassFixture<UnlimitedApiApp>
{
    private static EventToStore Event(string keyValue, ContactIdentifiers about, string type = "PageViewed") =>
        new(about, new ActivityInput(0, new DateTime(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc), ActivityChannel.Website, type, EventKey: keyValue),
            ChangeActor.ApiKey("shop"));

    [Fact]
    public async Task A_group_answers_each_event_as_if_it_were_stored_alone()
    {
        var run = app.Unique("group") + "-";
        var holder = await app.Store.ContactAsync(c => c.ExternalId = run + "x");
        var other = await app.Store.ContactAsync(c => c.Email = run + "y@example.com");
        var byPhone = await app.Store.ContactAsync(c => c.Phone = "+380631112233");
        var before = new Activity { Name = "PageViewed", OccurredAt = DateTime.UtcNow, EventKey = run + "stored" };
        await app.Store.ActivitiesAsync(byPhone, before);
        var writer = app.Factory.Services.GetRequiredService<EventWriter>();

        var outcomes = await writer.TryWriteTogetherAsync(
        [
            Event(run + "1", new(run + "new", run + "new@example.com"), "OrderPlaced"),   // creates the contact (source Order)
            Event(run + "2", new(Email: run + "NEW@example.com")),                         // finds it by email
            Event(run + "1", new(run + "new")),                                            // the first keyValue again: answered with its activity
            Event(run + "3", new(run + "x", run + "y@example.com")),                       // two people: 409
            Event(run + "4", new(DeviceIds: [run + "no-such-device"])),                    // unregistered device: 422
            Event(run + "5", new(Phone: "+380631112233")),
            Event(run + "stored", new(Phone: "+380631112233")),                            // stored before the group: answered with it
        ], Ct);

        Assert.NotNull(outcomes);
        var created = Assert.IsType<EventOutcome.Recorded>(outcomes[0]);
        var found = Assert.IsType<EventOutcome.Recorded>(outcomes[1]);
        var again = Assert.IsType<EventOutcome.Recorded>(outcomes[2]);
        Assert.Equal((true, true), (created.Created, created.ContactCreated));
        Assert.Equal((true, false, created.ContactId), (found.Created, found.ContactCreated, found.ContactId));
        Assert.Equal((false, created.ActivityId, created.ContactId), (again.Created, again.ActivityId, again.ContactId));
        var conflict = Assert.IsType<EventOutcome.Conflict>(outcomes[3]);
        Assert.Equal([holder.Id, other.Id], conflict.Detail.Contacts.Select(c => c.ContactId));
        Assert.Equal(run + "no-such-device", Assert.IsType<EventOutcome.UnknownDevice>(outcomes[4]).DeviceId);
        Assert.Equal((true, byPhone.Id), (Assert.IsType<EventOutcome.Recorded>(outcomes[5]).Created, ((EventOutcome.Recorded)outcomes[5]).ContactId));
        var replay = Assert.IsType<EventOutcome.Recorded>(outcomes[6]);
        Assert.Equal((false, before.Id, byPhone.Id), (replay.Created, replay.ActivityId, replay.ContactId));

        await using var db = app.Database.NewContext();
        var contact = await db.Contacts.SingleAsync(c => c.ExternalId == run + "new", Ct);
        Assert.Equal((ContactSource.Order, run + "new@example.com"), (contact.Source, contact.Email));
        Assert.Equal([run + "1", run + "2"], await db.Activities.Where(a => a.ContactId == contact.Id).OrderBy(a => a.Id).Select(a => a.EventKey).ToListAsync(Ct));
        Assert.Equal(2, await db.Activities.CountAsync(a => a.ContactId == byPhone.Id, Ct));
        Assert.False(await db.Activities.AnyAsync(a => a.EventKey == run + "3" || a.EventKey == run + "4", Ct));
    }

    [Fact]
    public async Task An_event_that_shows_an_anonymous_device_to_be_a_known_person_is_stored_alone_and_merges_as_before()
    {
        var run = app.Unique("merge") + "-";
        var anonymous = await app.Store.ContactAsync(c => c.Devices.Add(new ContactDevice { DeviceId = run + "device", Platform = DevicePlatform.Android }));
        var known = await app.Store.ContactAsync(c => c.ExternalId = run + "user");
        var writer = app.Factory.Services.GetRequiredService<EventWriter>();
        var payload = $$"""{ "eventTypeKey": "AppOpened", "keyValue": "{{run}}1", "params": [ { "name": "externalCustomerId", "value": "{{run}}user" }, { "name": "deviceId", "value": "{{run}}device" } ] }""";

        var together = await writer.TryWriteTogetherAsync([Event(run + "0", new(run + "user", DeviceIds: [run + "device"]))], Ct);
        using var client = app.Client();
        using var response = await client.PostJsonAsync("/api/v1/event", payload, Ct);

        Assert.Null(together);   // nothing written: the group goes one event at a time
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(known.Id, (await response.BodyAsync(Ct))["contactId"]!.GetValue<long>());
        await using var db = app.Database.NewContext();
        Assert.False(await db.Contacts.AnyAsync(c => c.Id == anonymous.Id, Ct));
        Assert.Equal(known.Id, (await db.ContactDevices.SingleAsync(d => d.DeviceId == run + "device", Ct)).ContactId);
        Assert.False(await db.Activities.AnyAsync(a => a.EventKey == run + "0", Ct));
    }

    [Fact]
    public async Task Parallel_requests_with_one_key_value_about_a_new_person_store_one_activity_and_one_contact()
    {
        var run = app.Unique("same-key") + "-";
        var payload = $$"""
            { "eventTypeKey": "AddToCart", "keyValue": "{{run}}cart",
              "params": [ { "name": "email", "value": "{{run}}buyer@example.com" }, { "name": "price", "value": 5 } ] }
            """;

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
        {
            using var client = app.Client();
            using var response = await client.PostJsonAsync("/api/v1/event", payload, Ct);
            var body = await response.BodyAsync(Ct);
            return (response.StatusCode, Activity: body["activityId"]!.GetValue<long>(), Contact: body["contactId"]!.GetValue<long>(),
                ContactCreated: body["contactCreated"]!.GetValue<bool>());
        }, Ct)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(23, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Single(answers.Select(a => (a.Activity, a.Contact)).Distinct());
        Assert.Single(answers, a => a.ContactCreated);
        await using var db = app.Database.NewContext();
        Assert.Equal(1, await db.Activities.CountAsync(a => a.EventKey == run + "cart", Ct));
        Assert.Equal(1, await db.Contacts.CountAsync(c => c.EmailNormalized == run + "buyer@example.com", Ct));
    }

    [Fact]
    public async Task Parallel_requests_get_their_own_answers_valid_conflicting_and_unknown_alike()
    {
        var run = app.Unique("mixed") + "-";
        var holder = await app.Store.ContactAsync(c => c.ExternalId = run + "x");
        await app.Store.ContactAsync(c => c.Email = run + "y@example.com");
        string Payload(int i) => (i % 3) switch
        {
            0 => $$"""{ "eventTypeKey": "PageViewed", "keyValue": "{{run}}{{i}}", "params": [ { "name": "externalCustomerId", "value": "{{run}}x" } ] }""",
            1 => $$"""{ "eventTypeKey": "PageViewed", "keyValue": "{{run}}{{i}}", "params": [ { "name": "externalCustomerId", "value": "{{run}}x" }, { "name": "email", "value": "{{run}}y@example.com" } ] }""",
            _ => $$"""{ "eventTypeKey": "AppOpened", "keyValue": "{{run}}{{i}}", "params": [ { "name": "deviceId", "value": "{{run}}unknown" } ] }""",
        };

        var statuses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
        {
            using var client = app.Client();
            using var response = await client.PostJsonAsync("/api/v1/event", Payload(i), Ct);
            return (i, response.StatusCode, response.MediaType());
        }, Ct)));

        foreach (var (i, status, mediaType) in statuses)
        {
            var expected = (i % 3) switch { 0 => HttpStatusCode.Created, 1 => HttpStatusCode.Conflict, _ => HttpStatusCode.UnprocessableEntity };
            Assert.Equal((i, expected), (i, status));
            if (status != HttpStatusCode.Created) Assert.Equal("application/problem+json", mediaType);
        }
        await using var db = app.Database.NewContext();
        Assert.Equal(20, await db.Activities.CountAsync(a => a.ContactId == holder.Id, Ct));
    }
}
