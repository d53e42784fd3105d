using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>
/// A chunk of writes resolved in memory and saved once, on a real database and without HTTP, so a write the
/// batch gets wrong shows here instead of being hidden by the one-by-one retry the bulk endpoint falls back to.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class ContactBatchTests : StoreTest
{
    private static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly WriteContext Context =
        new(ChangeActor.ApiKey("shop"), ContactSource.Api, Now, IngestLookups.Empty, EmailStatusRuleOptions.Default, SuppressionHasher.Ephemeral());

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
    }

    private static ContactChangeSet Set(string? externalId = null, string? email = null, string? phone = null, params (FieldKey Key, string? Value)[] fields)
    {
        var identifiers = new ContactIdentifiers(externalId, email, phone);
        var values = ContactChangeSet.IdentifierFields(identifiers);
        foreach (var (key, value) in fields) values[key] = value;
        return new ContactChangeSet(identifiers, values, [], []);
    }

    private Task<List<BatchWrite>> WriteAsync(params ContactChangeSet[] sets) => WriteAsync(Context, sets);

    private async Task<List<BatchWrite>> WriteAsync(WriteContext context, params ContactChangeSet[] sets)
    {
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var batch = await ContactBatch.LoadAsync(db, sets, Ct);
        var writes = new List<BatchWrite>();
        foreach (var set in sets) writes.Add(await batch.WriteAsync(set, context, Ct));
        await batch.SaveAsync(Ct);
        await transaction.CommitAsync(Ct);
        return writes;
    }

    [Fact]
    public async Task Writes_naming_a_person_created_earlier_in_the_batch_update_it_and_a_conflict_names_it_by_its_id()
    {
        var writes = await WriteAsync(
            Set("u-a", "olena@example.com", fields: (ProfileFields.FirstName, "Olena")),
            Set(email: "OLENA@example.com", fields: (ProfileFields.LastName, "Koval")),
            Set("u-b", phone: "+380501234567"),
            Set("u-a", phone: "+380501234567"));

        var olena = Assert.IsType<BatchWrite.Written>(writes[0]);
        var again = Assert.IsType<BatchWrite.Written>(writes[1]);
        var other = Assert.IsType<BatchWrite.Written>(writes[2]);
        var conflict = Assert.IsType<BatchWrite.Refused>(writes[3]);
        Assert.True(olena.Created);
        Assert.False(again.Created);
        Assert.Same(olena.Contact, again.Contact);
        Assert.True(olena.Contact.Id > 0 && other.Contact.Id > olena.Contact.Id);
        Assert.Equal([olena.Contact.Id, other.Contact.Id], conflict.Conflict.Contacts.Select(c => c.ContactId));
        Assert.Contains($"#{olena.Contact.Id}", conflict.Conflict.Detail);

        await using var db = NewContext();
        var stored = await db.Contacts.SingleAsync(c => c.ExternalId == "u-a", Ct);
        Assert.Equal(("Olena", "Koval", "OLENA@example.com", "olena@example.com", 1L, EmailStatus.Active),
            (stored.FirstName, stored.LastName, stored.Email, stored.EmailNormalized, stored.Version, stored.EmailStatus));
        var audit = await db.AuditEntries.Where(a => a.ContactId == stored.Id).OrderBy(a => a.Id).Select(a => a.Field + ": " + a.NewValue).ToListAsync(Ct);
        // The creation in one entry; the second write, an update, an entry per field.
        Assert.Equal(["Contact: Created (source Api): External ID: u-a; Email: olena@example.com; First name: Olena", "Email: OLENA@example.com", "Last name: Koval"], audit);
        Assert.Equal(2, await db.Contacts.CountAsync(Ct));
    }

    [Fact]
    public async Task A_contact_created_by_the_batch_and_written_again_keeps_exactly_the_rows_of_its_last_write()
    {
        // New contacts are inserted by the batch itself, untracked: a second write must still clear a value of one not
        // saved yet, and change one the batch saved midway (here, to name it by its id in a conflict).
        var tier = await Store.FieldAsync("tier", CustomFieldType.Text);
        var context = Context with { Lookups = new IngestLookups(new Dictionary<int, CustomFieldDefinition> { [tier.Id] = tier }, new Dictionary<int, SubscriptionCategory>()) };
        var writes = await WriteAsync(context,
            Set("u-a", fields: (FieldKey.Custom(tier.Id), "gold")),
            Set("u-a", fields: (FieldKey.Custom(tier.Id), null)),
            Set("u-b", phone: "+380501234567"),
            Set("u-c", phone: "+380501234567"),
            Set("u-b", fields: [(FieldKey.Custom(tier.Id), "silver"), (ProfileFields.FirstName, "Bohdan")]));

        Assert.IsType<BatchWrite.Refused>(writes[3]);
        Assert.All(writes.Where((_, i) => i != 3), w => Assert.IsType<BatchWrite.Written>(w));
        await using var db = NewContext();
        var a = await db.Contacts.Include(c => c.CustomFieldValues).SingleAsync(c => c.ExternalId == "u-a", Ct);
        var b = await db.Contacts.Include(c => c.CustomFieldValues).SingleAsync(c => c.ExternalId == "u-b", Ct);
        Assert.Empty(a.CustomFieldValues);
        Assert.Equal(("Bohdan", 1L, "silver"), (b.FirstName, b.Version, Assert.Single(b.CustomFieldValues).TextValue));
        var audit = await db.AuditEntries.Where(e => e.ContactId == a.Id || e.ContactId == b.Id).OrderBy(e => e.Id)
            .Select(e => e.ContactId + " " + e.Field + ": " + (e.NewValue ?? "-")).ToListAsync(Ct);
        Assert.Equal([$"{a.Id} Contact: Created (source Api): External ID: u-a; tier: gold", $"{a.Id} tier: -",
            $"{b.Id} Contact: Created (source Api): External ID: u-b; Phone: +380501234567", $"{b.Id} tier: silver", $"{b.Id} First name: Bohdan"], audit);
        Assert.Equal(2, await db.Contacts.CountAsync(Ct));
    }

    [Fact]
    public async Task A_found_contact_is_changed_in_place_and_an_address_with_a_history_brings_its_status()
    {
        var existing = await Store.ContactAsync(c => (c.ExternalId, c.FirstName) = ("u-1", "Emil"));
        await using (var db = NewContext())
        {
            db.EmailEvents.Add(new EmailEvent { Address = "bounced@example.com", Kind = EmailEventKind.HardBounce, SmtpCode = "5.1.1", OccurredAt = Now.AddDays(-1) });
            await db.SaveChangesAsync(Ct);
        }

        var writes = await WriteAsync(Set("u-1", "bounced@example.com", fields: (ProfileFields.FirstName, "Emilia")));

        var written = Assert.IsType<BatchWrite.Written>(writes[0]);
        Assert.Equal((existing.Id, false), (written.Contact.Id, written.Created));
        await using var check = NewContext();
        var stored = await check.Contacts.SingleAsync(c => c.Id == existing.Id, Ct);
        Assert.Equal(("Emilia", EmailStatus.Blacklisted, 1L, Now), (stored.FirstName, stored.EmailStatus, stored.Version, stored.LastEditAt));
    }

    [Fact]
    public async Task A_create_only_batch_names_found_contacts_creates_new_ones_and_refuses_to_change_a_found_one()
    {
        var existing = await Store.ContactAsync(c => (c.ExternalId, c.FirstName) = ("u-known", "Emil"));
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        ContactChangeSet[] sets = [Set("u-known"), Set("u-new"), Set("u-known", fields: (ProfileFields.FirstName, "Emilia"))];
        var batch = await ContactBatch.LoadAsync(db, sets, Ct, createOnly: true);

        var found = Assert.IsType<Resolution.Found>(await batch.ResolveAsync(sets[0].Identifiers, Ct));
        var created = Assert.IsType<BatchWrite.Written>(await batch.WriteAsync(sets[1], Context, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => batch.WriteAsync(sets[2], Context, Ct));
        await batch.SaveAsync(Ct);
        await transaction.CommitAsync(Ct);

        Assert.Equal(existing.Id, batch.ContactOf(found).Id);
        Assert.True(created.Created);
        await using var check = NewContext();
        Assert.Equal("Emil", (await check.Contacts.SingleAsync(c => c.Id == existing.Id, Ct)).FirstName);
        Assert.True(await check.Contacts.AnyAsync(c => c.ExternalId == "u-new", Ct));
    }

    [Fact]
    public async Task Rows_the_batch_inserts_itself_are_stored_exactly_as_SaveChanges_stores_them()
    {
        var writes = await WriteAsync(Set("u-raw", "raw@example.com", "+380501112233",
            (ProfileFields.FirstName, "Olena"), (ProfileFields.BirthDate, "1990-04-17"), (ProfileFields.Gender, "Female")));
        var written = Assert.IsType<BatchWrite.Written>(writes[0]).Contact;
        long copyId;
        await using (var db = NewContext())
        {
            // The same values through EF: every column, types and text formats (dates, enums by name) must match.
            var copy = (Contact)db.Entry(written).CurrentValues.Clone().ToObject();
            (copy.Id, copy.ExternalId, copy.Email, copy.EmailNormalized, copy.Phone) = (0, "u-copy", "copy@example.com", "copy@example.com", "+380501112234");
            db.Contacts.Add(copy);
            await db.SaveChangesAsync(Ct);
            db.AuditEntries.Add(ContactChanges.Audit(copy.Id, Now, Context.Actor.Name, Context.Actor.Source, "Contact", null,
                "Created (source Api): External ID: u-raw; Email: raw@example.com; Phone: +380501112233; First name: Olena; Birth date: 1990-04-17; Gender: Female"));
            await db.SaveChangesAsync(Ct);
            copyId = copy.Id;
        }

        var batchRow = await RawRowAsync("Contacts", "Id", written.Id);
        var copyRow = await RawRowAsync("Contacts", "Id", copyId);
        // The identifiers differ by design, and so does what the store derives from them (PostgreSQL's search columns).
        string[] identifiers = ["Id", "ExternalId", "Email", "EmailNormalized", "Phone", "SearchText", "SearchPhone"];
        Assert.Equal(Without(copyRow, identifiers), Without(batchRow, identifiers));
        Assert.Equal(Without(await RawRowAsync("AuditEntries", "ContactId", copyId), "Id", "ContactId"),
            Without(await RawRowAsync("AuditEntries", "ContactId", written.Id), "Id", "ContactId"));
    }

    /// <summary>The first row (lowest id) of the table with the value, every column as the store holds it: type and text.</summary>
    private async Task<Dictionary<string, string>> RawRowAsync(string table, string column, long value)
    {
        await using var db = NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{column}\" = {value} ORDER BY \"Id\" LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName,
            i => reader.IsDBNull(i) ? "null" : $"{reader.GetDataTypeName(i)}:{reader.GetValue(i)}");
    }

    private static Dictionary<string, string> Without(Dictionary<string, string> row, params string[] columns) =>
        row.Where(c => !columns.Contains(c.Key)).ToDictionary();

    [Fact]
    public async Task A_write_that_would_merge_anonymous_contacts_is_left_to_the_one_by_one_path()
    {
        await Store.ContactAsync(c => c.Devices.Add(new ContactDevice { DeviceId = "d-1", Platform = DevicePlatform.Android }));
        var identifiers = new ContactIdentifiers("u-9", DeviceIds: ["d-1"]);
        var set = new ContactChangeSet(identifiers, ContactChangeSet.IdentifierFields(identifiers), [new DeviceUpsert("d-1", null, DevicePlatform.Android)], []);
        await Store.ContactAsync(c => c.ExternalId = "u-9");

        var writes = await WriteAsync(set);

        Assert.IsType<BatchWrite.NeedsMerge>(writes[0]);
    }
}
