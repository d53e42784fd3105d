using Bogus;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Merging;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Merging;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Profile.Merging;

/// <summary>
/// Merge then undo is lossless: for random pairs of contacts (random fields, custom values, subscriptions, devices,
/// activities, email events and history) merged with random choices, the undo gives back every row of both contacts.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class MergeUndoPropertyTests : StoreTest
{
    private const int Pairs = 50;

    [Fact]
    public async Task Merge_then_undo_gives_back_both_contacts_row_for_row()
    {
        var faker = new Faker { Random = new Randomizer(19_2026) };
        var fields = new[]
        {
            await Store.FieldAsync("tier", CustomFieldType.Text),
            await Store.FieldAsync("score", CustomFieldType.Number),
            await Store.FieldAsync("renewal", CustomFieldType.Date),
            await Store.FieldAsync("vip", CustomFieldType.Boolean),
        };
        var categories = new[] { await Store.CategoryAsync("News"), await Store.CategoryAsync("Offers"), await Store.CategoryAsync("Events") };
        var merging = Services.GetRequiredService<ContactMerging>();

        for (var pair = 0; pair < Pairs; pair++)
        {
            var a = await RandomContactAsync(faker, pair * 2, fields, categories);
            var b = await RandomContactAsync(faker, pair * 2 + 1, fields, categories);
            var before = await ContactRowsDump.OfAsync(Database, a, b);

            var preview = await merging.PreviewAsync(a, b, Ct);
            var choices = preview!.Fields.Where(_ => faker.Random.Bool()).ToDictionary(f => f.Key, _ => faker.PickRandom<MergeSide>());
            Assert.IsType<MergeOutcome.Done>(await merging.MergeAsync(TestUsers.Marketer(), a, b, new MergeChoices(choices), Ct));
            long recordId;
            await using (var db = NewContext()) recordId = (await db.ContactMergeRecords.SingleAsync(r => r.MergedAwayId == b, Ct)).Id;
            var undone = await merging.UndoAsync(TestUsers.Marketer(), recordId, Ct);

            Assert.True(undone is MergeOutcome.Done, $"Pair {pair}: {undone}");
            Assert.Equal(before, await ContactRowsDump.OfAsync(Database, a, b));
        }
    }

    private async Task<long> RandomContactAsync(Faker faker, int n, CustomFieldDefinition[] fields, SubscriptionCategory[] categories)
    {
        var created = faker.Date.Past(2).ToUniversalTime();
        var contact = new Contact
        {
            FirstName = faker.Random.Bool(0.8f) ? faker.Name.FirstName() : null,
            LastName = faker.Random.Bool(0.8f) ? faker.Name.LastName() : null,
            Email = faker.Random.Bool(0.7f) ? $"person{n}.{faker.Random.AlphaNumeric(5)}@example.com" : null,
            Phone = faker.Random.Bool(0.5f) ? $"+38050{n:D7}" : null,
            ExternalId = faker.Random.Bool(0.4f) ? $"ext-{n}" : null,
            BirthDate = faker.Random.Bool(0.5f) ? DateOnly.FromDateTime(faker.Date.Past(60)) : null,
            Gender = faker.PickRandom<Gender>(),
            Country = faker.Random.Bool(0.5f) ? faker.PickRandom("UA", "PL", "DE") : null,
            City = faker.Random.Bool(0.6f) ? faker.Address.City() : null,
            Street = faker.Random.Bool(0.3f) ? faker.Address.StreetAddress() : null,
            PostCode = faker.Random.Bool(0.3f) ? faker.Address.ZipCode() : null,
            Source = faker.PickRandom<ContactSource>(),
            CreatedAt = created,
            LastEditAt = created.AddDays(faker.Random.Int(0, 300)),
            LastEditBy = faker.Internet.Email(),
            Version = faker.Random.Int(0, 9),
        };
        contact.EmailNormalized = contact.Email?.ToLowerInvariant();
        for (var d = faker.Random.Int(0, 2); d > 0; d--)
            contact.Devices.Add(new ContactDevice { DeviceId = $"device-{n}-{d}", Platform = faker.PickRandom<DevicePlatform>(), FirstSeenAt = created, LastSeenAt = created });
        foreach (var field in fields.Where(_ => faker.Random.Bool()))
        {
            var value = new CustomFieldValue { FieldId = field.Id };
            switch (field.Type)
            {
                case CustomFieldType.Text: value.TextValue = faker.Commerce.ProductAdjective(); break;
                case CustomFieldType.Number: value.NumberValue = Math.Round(faker.Random.Double(0, 1000), 2); break;
                case CustomFieldType.Date: value.DateValue = DateOnly.FromDateTime(faker.Date.Future()); break;
                default: value.BoolValue = faker.Random.Bool(); break;
            }
            contact.CustomFieldValues.Add(value);
        }
        foreach (var category in categories.Where(_ => faker.Random.Bool()))
        {
            contact.Subscriptions.Add(new ContactSubscription
            {
                CategoryId = category.Id, IsSubscribed = faker.Random.Bool(), Since = faker.Date.Past().ToUniversalTime(), Source = faker.PickRandom<ContactSource>(),
            });
        }

        await using var db = NewContext();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(Ct);
        for (var i = faker.Random.Int(0, 4); i > 0; i--)
            db.Activities.Add(new Activity { ContactId = contact.Id, OccurredAt = faker.Date.Past().ToUniversalTime(), Channel = faker.PickRandom<ActivityChannel>(), Name = faker.Hacker.Verb() });
        for (var i = faker.Random.Int(0, 3); i > 0; i--)
            db.AuditEntries.Add(new AuditEntry { ContactId = contact.Id, OccurredAt = faker.Date.Past().ToUniversalTime(), Actor = "seed", Field = "City", NewValue = faker.Address.City() });
        if (contact.EmailNormalized is { } address)
        {
            for (var i = faker.Random.Int(0, 3); i > 0; i--)
                db.EmailEvents.Add(new EmailEvent { Address = address, ContactId = contact.Id, Kind = faker.PickRandom(EmailEventKind.Delivered, EmailEventKind.Unsubscribed, EmailEventKind.Resubscribed, EmailEventKind.SoftBounce), OccurredAt = faker.Date.Past().ToUniversalTime() });
        }
        await db.SaveChangesAsync(Ct);
        // The stored status is what the address's log folds to, as the app keeps it.
        await ContactChanges.RefoldEmailStatusAsync(db, contact, Services.GetRequiredService<EmailStatusRuleOptions>(), Ct);
        await db.SaveChangesAsync(Ct);
        return contact.Id;
    }
}
