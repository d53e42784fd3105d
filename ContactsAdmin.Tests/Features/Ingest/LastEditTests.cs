using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>
/// Property: whoever writes (the card, the API, a device, the public form, an event that merges, an email status
/// action), a contact's "last edit" is the newest entry of its change history, by time and by who made it.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class LastEditTests : StoreTest
{
    private const int People = 3;
    private const int Devices = 3;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private SubscriptionCategory category = null!;
    private SubscriptionForm form = null!;
    private int sample;

    /// <summary>The writers of the API (registered by the web app's API set-up) beside the app's services, on the test's clock.</summary>
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IngestWriteGate>();
        services.AddSingleton<ContactIngest>();
        services.AddSingleton<EventWriter>();
        services.AddSingleton<EventIngest>();
        services.AddSingleton<DeviceIngest>();
        services.AddSingleton<FormIngest>();
    }

    protected override async Task SeedAsync(StoreBuilder store)
    {
        category = await store.CategoryAsync("Newsletter");
        form = new SubscriptionForm { Key = "footer", Name = "Footer", CategoryKeys = [category.Key] };
        await using var db = NewContext();
        db.SubscriptionForms.Add(form);
        await db.SaveChangesAsync(Ct);
    }

    private enum Step { ApiWrite, CardEdit, Subscription, AnonymousDevice, SignedInDevice, Form, Unsubscribe, Resubscribe, Blacklist, Unblacklist, MergingEvent }

    private sealed record Operation(Step Step, int Person, int Device, int Choice);

    private static readonly Gen<Operation> AnyOperation = Gen.Select(Gen.Enum<Step>(), Gen.Int[0, People - 1], Gen.Int[0, Devices - 1], Gen.Int[0, 2],
        (step, person, device, choice) => new Operation(step, person, device, choice));

    [Fact]
    public async Task Last_edit_is_always_the_newest_change_history_entry()
    {
        await AnyOperation.Array[4, 16].SampleAsync(async operations =>
        {
            var run = Interlocked.Increment(ref sample);
            for (var person = 0; person < People; person++)
                await ApiWriteAsync(run, person, "Olena");
            foreach (var operation in operations)
            {
                clock.Advance(TimeSpan.FromMinutes(1));
                await ApplyAsync(run, operation);
            }

            await using var db = NewContext();
            var contacts = await db.Contacts.AsNoTracking().Select(c => new { c.Id, c.LastEditAt, c.LastEditBy }).ToListAsync(Ct);
            var newest = (await db.AuditEntries.AsNoTracking().Select(a => new { a.ContactId, a.Id, a.OccurredAt, a.Actor }).ToListAsync(Ct))
                .GroupBy(a => a.ContactId).ToDictionary(g => g.Key, g => g.MaxBy(a => (a.OccurredAt, a.Id))!);
            foreach (var contact in contacts)
            {
                Assert.True(newest.TryGetValue(contact.Id, out var entry), $"Contact #{contact.Id} has no change history.");
                Assert.Equal((entry.OccurredAt, entry.Actor), (contact.LastEditAt, contact.LastEditBy));
            }
        }, iter: 40, threads: 1, print: operations => string.Join("; ", operations.Select(o => $"{o.Step}({o.Person},{o.Device},{o.Choice})")));
    }

    private static string ExternalId(int run, int person) => $"u-{run}-{person}";
    private static string Email(int run, int person) => $"person{run}.{person}@example.com";
    private static string DeviceId(int run, int device) => $"install-{run}-{device}";
    private static readonly string[] Names = ["Olena", "Taras", "Iryna"];

    private async Task ApplyAsync(int run, Operation o)
    {
        var email = Email(run, o.Person);
        switch (o.Step)
        {
            case Step.ApiWrite:
                await ApiWriteAsync(run, o.Person, Names[o.Choice]);
                break;
            case Step.CardEdit:
                var editor = Services.GetRequiredService<ContactEditor>();
                var id = await IdOfAsync(run, o.Person);
                var (loaded, version, _) = (await editor.LoadAsync(id, Ct))!.Value;
                var edited = loaded.Copy();
                edited[ProfileFields.LastName] = Names[o.Choice];
                Assert.IsType<SaveOutcome.Saved>(await editor.SaveAsync(id, version, loaded, edited, TestUsers.Marketer(), ct: Ct));
                break;
            case Step.Subscription:
                await Services.GetRequiredService<SubscriptionEditor>().SetAsync(await IdOfAsync(run, o.Person), category.Id, o.Choice > 0, TestUsers.Marketer(), Ct);
                break;
            case Step.AnonymousDevice:
                await Services.GetRequiredService<DeviceIngest>().RegisterAsync(
                    new DevicePayload { DeviceId = DeviceId(run, o.Device), OsType = "ANDROID", AppVersion = $"4.{o.Choice}" }, ChangeActor.ApiKey("sdk"), Ct);
                break;
            case Step.SignedInDevice:
                await Services.GetRequiredService<DeviceIngest>().RegisterAsync(
                    new DevicePayload { DeviceId = DeviceId(run, o.Device), OsType = "ANDROID", ExternalUserId = ExternalId(run, o.Person) }, ChangeActor.ApiKey("sdk"), Ct);
                break;
            case Step.Form:
                await Services.GetRequiredService<FormIngest>().SubmitAsync(form.Key,
                    new FormSubmission { Email = o.Choice == 0 ? $"visitor{run}.{o.Device}@example.com" : email, FirstName = Names[o.Choice] }, Ct);
                break;
            case Step.Unsubscribe:
                await Services.GetRequiredService<EmailStatusActions>().UnsubscribeAsync(email, "asked by phone", TestUsers.Marketer(), Ct);
                break;
            case Step.Resubscribe:
                await Services.GetRequiredService<EmailStatusActions>().ResubscribeAsync(email, "asked by phone", TestUsers.Marketer(), Ct);
                break;
            case Step.Blacklist:
                await Services.GetRequiredService<EmailStatusActions>().BlacklistAsync(email, "complained", TestUsers.Admin(), ct: Ct);
                break;
            case Step.Unblacklist:
                await Services.GetRequiredService<EmailStatusActions>().RemoveFromBlacklistAsync(email, "resolved", TestUsers.Admin(), Ct);
                break;
            case Step.MergingEvent:
                await Services.GetRequiredService<EventIngest>().RecordAsync(new EventPayload
                {
                    EventTypeKey = "AppOpened",
                    Params =
                    [
                        new EventParameter { Name = "externalCustomerId", Value = System.Text.Json.JsonSerializer.SerializeToElement(ExternalId(run, o.Person)) },
                        new EventParameter { Name = "deviceId", Value = System.Text.Json.JsonSerializer.SerializeToElement(DeviceId(run, o.Device)) },
                    ],
                }, ChangeActor.ApiKey("events"), Ct);
                break;
        }
    }

    private async Task ApiWriteAsync(int run, int person, string firstName)
    {
        var outcome = await Services.GetRequiredService<ContactIngest>().WriteAsync(new ContactPayload
        {
            ProfileValues = new()
            {
                ["externalCustomerId"] = JsonSerializer.SerializeToElement(ExternalId(run, person)),
                ["firstName"] = JsonSerializer.SerializeToElement(firstName),
            },
            Channels = [new ChannelPayload { Type = "email", Value = Email(run, person) }],
        }, ChangeActor.ApiKey("shop"), ContactSource.Api, Ct);
        Assert.IsType<ContactWriteOutcome.Written>(outcome);
    }

    private async Task<long> IdOfAsync(int run, int person)
    {
        await using var db = NewContext();
        var externalId = ExternalId(run, person);
        return await db.Contacts.Where(c => c.ExternalId == externalId).Select(c => c.Id).SingleAsync(Ct);
    }
}
