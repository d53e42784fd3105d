using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Demo;

/// <summary>
/// The demo written by the engine's bulk path (SQLite's INSERTs, PostgreSQL's COPY) reads back through the app's own
/// queries exactly as written, and the store goes on giving ids after the seed's.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class DemoSeedReadBackTests : StoreTest
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Seeded_contacts_read_back_through_the_grid_and_the_card_as_written()
    {
        var seeded = await new DemoDataSeeder(Factory, Services.GetRequiredService<StoreEngine>(), Clock)
            .SeedAsync(DemoDataOptions.Default with { Contacts = 300, ActivitiesPerContact = 5 }, fresh: false, progress: null, Ct);

        var page = await new ContactQueries(Factory).ListAsync(new ContactListQuery { Sort = ContactSort.Name, Descending = false, PageSize = 50 }, Ct);
        Assert.Equal(seeded.Contacts, page.TotalCount);
        Assert.Equal(50, page.Rows.Count);

        await using var db = NewContext();
        var written = await db.Contacts.AsNoTracking().ToDictionaryAsync(c => c.Id, Ct);
        foreach (var row in page.Rows)
        {
            var contact = written[row.Id];
            Assert.Equal((contact.FirstName, contact.LastName, contact.Email, contact.Phone, contact.EmailStatus, contact.Source, contact.CreatedAt, contact.Country),
                (row.FirstName, row.LastName, row.Email, row.Phone, row.EmailStatus, row.Source, row.CreatedAt, row.Country));
        }

        // A contact with everything: its devices, field values, subscriptions and email events come back on the card.
        var busiest = await db.Contacts.AsNoTracking().OrderByDescending(c => c.Devices.Count + c.CustomFieldValues.Count + c.Subscriptions.Count).ThenBy(c => c.Id).FirstAsync(Ct);
        var card = await Services.GetRequiredService<ContactCardQueries>().GetAsync(busiest.Id, Ct);
        Assert.NotNull(card);
        Assert.Equal(await db.ContactDevices.CountAsync(d => d.ContactId == busiest.Id, Ct), card.Devices.Count);
        Assert.Equal(busiest.BirthDate, card.Contact.BirthDate);
        Assert.Equal(busiest.LastEditAt, card.Contact.LastEditAt);
        Assert.Equal(await db.Activities.CountAsync(Ct), seeded.Activities);
    }

    [Fact]
    public async Task A_contact_added_after_the_seed_gets_the_next_id()
    {
        await new DemoDataSeeder(Factory, Services.GetRequiredService<StoreEngine>(), Clock)
            .SeedAsync(DemoDataOptions.Default with { Contacts = 300, ActivitiesPerContact = 1 }, fresh: false, progress: null, Ct);
        await using var db = NewContext();
        var highest = await db.Contacts.MaxAsync(c => c.Id, Ct);

        var added = new Contact { FirstName = "After", CreatedAt = Clock.GetUtcNow().UtcDateTime, LastEditAt = Clock.GetUtcNow().UtcDateTime };
        db.Contacts.Add(added);
        await db.SaveChangesAsync(Ct);

        Assert.Equal(highest + 1, added.Id);
    }
}
