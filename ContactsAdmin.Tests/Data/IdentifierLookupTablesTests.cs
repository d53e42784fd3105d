using ContactsAdmin.Data;
using ContactsAdmin.Data.PostgreSql.Migrations;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Data;

/// <summary>
/// PostgreSQL's identifier look-up tables as writers and readers meet them (docs/scale-out.md, "What had to change", items 1 and 3).
/// That every write path keeps them in step is checked when each PostgreSQL test's database is dropped (TestDatabase);
/// these are what that check cannot show: a claim refused by the look-up alone, the migration that fills them, and the
/// look-ups by an identifier answering from the look-up tables, not from the contacts' own columns.
/// </summary>
[Trait(TestStore.Trait, TestStore.PostgreSqlOnly)]
public sealed class IdentifierLookupTablesTests() : PostgreSqlStoreTest("The look-up tables are PostgreSQL's")
{
    [Fact]
    public async Task An_address_the_look_up_gives_another_contact_refuses_the_card_s_save_as_the_unique_index_would()
    {
        var holder = await Store.ContactAsync(c => c.Email = "olena@example.com");
        var editing = await Store.ContactAsync(c => c.Email = "koval@example.com");
        // Another instance's claim that committed after this writer's check: its contact row is not there yet.
        await Database.ExecuteSqlAsync($"INSERT INTO \"ContactEmails\" VALUES ('taken@example.com', {holder.Id})", Ct);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
        var editor = new ContactEditor(Factory, TestAuthorization.AppPolicies(), clock,
            new ContactFormChecks(Factory, new ContactsOptions { DefaultPhoneRegion = "UA" }, clock),
            EmailStatusRuleOptions.Default, ProfileFieldTable.Standard, SuppressionHasher.Ephemeral());
        var (loaded, version, _) = (await editor.LoadAsync(editing.Id, Ct))!.Value;
        var edited = loaded.Copy();
        edited[ProfileFields.Email] = "Taken@Example.com";

        var outcome = await editor.SaveAsync(editing.Id, version, loaded, edited, TestUsers.Marketer(), ct: Ct);

        var invalid = Assert.IsType<SaveOutcome.Invalid>(outcome);
        Assert.Equal("Another contact already has this value.", invalid.Errors[ProfileFields.Email]);
        await using (var db = NewContext())
            Assert.Equal("koval@example.com", (await db.Contacts.SingleAsync(c => c.Id == editing.Id, Ct)).EmailNormalized);
        Assert.Equal(["koval@example.com", "olena@example.com", "taken@example.com"], await EmailKeysAsync());
        await Database.ExecuteSqlAsync("DELETE FROM \"ContactEmails\" WHERE \"EmailNormalized\" = 'taken@example.com'", Ct);
    }

    [Fact]
    public async Task The_backfill_fills_the_look_ups_from_the_contacts_and_drops_rows_no_contact_backs()
    {
        await Store.ContactAsync(c => { c.Email = "olena@example.com"; c.Phone = "+380501234567"; c.ExternalId = "crm-1"; });
        await Store.ContactAsync(c =>
        {
            c.Email = "koval@example.com";
            c.Devices.Add(new ContactDevice { DeviceId = "phone-1", Platform = DevicePlatform.Android });
            c.Devices.Add(new ContactDevice { DeviceId = "phone-1", Platform = DevicePlatform.Web });
            c.Devices.Add(new ContactDevice { DeviceId = "", PushToken = "token-only", Platform = DevicePlatform.Web });
        });
        // As a database that has contacts from before the app kept the look-ups, plus a row nothing backs.
        await Database.ExecuteSqlAsync("DELETE FROM \"ContactEmails\"; DELETE FROM \"ContactPhones\"; DELETE FROM \"ContactExternalIds\"; DELETE FROM \"ContactDeviceIds\"; "
            + "INSERT INTO \"ContactPhones\" VALUES ('+380500000000', 999)", Ct);
        Assert.NotEmpty(await PostgreSqlTestDatabases.IdentifierDriftAsync(Database.ConnectionString));

        await Database.ExecuteSqlAsync(IdentifierLookupBackfill.Repair, Ct);

        Assert.Empty(await PostgreSqlTestDatabases.IdentifierDriftAsync(Database.ConnectionString));
        Assert.Equal(["koval@example.com", "olena@example.com"], await EmailKeysAsync());
        await Database.ExecuteSqlAsync(IdentifierLookupBackfill.Repair, Ct);   // again: nothing changes, nothing fails
        Assert.Empty(await PostgreSqlTestDatabases.IdentifierDriftAsync(Database.ConnectionString));
    }

    [Fact]
    public async Task Identity_resolution_and_the_api_find_a_contact_by_what_the_look_up_tables_say()
    {
        var olena = await Store.ContactAsync(c =>
        {
            c.Email = "olena@example.com";
            c.ExternalId = "crm-1";
            c.Devices.Add(new ContactDevice { DeviceId = "", PushToken = "token-7", Platform = DevicePlatform.Web });
        });
        var koval = await Store.ContactAsync(c =>
        {
            c.Phone = "+380501234567";
            c.Devices.Add(new ContactDevice { DeviceId = "phone-9", Platform = DevicePlatform.Android });
        });
        // The tables and the columns made to disagree, as nothing the app writes would: a reader of the columns still
        // finds Olena by her address and her browser's push token and Koval by his device; a reader of the look-ups finds none.
        Database.AllowsIdentifierDrift = true;
        await Database.ExecuteSqlAsync("DELETE FROM \"ContactEmails\" WHERE \"EmailNormalized\" = 'olena@example.com'; "
            + "DELETE FROM \"ContactDeviceIds\" WHERE \"DeviceId\" = 'phone-9'; DELETE FROM \"ContactPushTokens\" WHERE \"PushToken\" = 'token-7'", Ct);

        await using (var db = NewContext())
        {
            Assert.Empty(await IdentityResolver.HoldersAsync(db, externalId: null, "Olena@Example.com", phone: null, Ct));
            Assert.IsType<Resolution.NotFound>(await IdentityResolver.ResolveAsync(db, new ContactIdentifiers(DeviceIds: ["phone-9"]), Ct));
            Assert.IsType<Resolution.NotFound>(await IdentityResolver.ResolveAsync(db, new ContactIdentifiers(PushTokens: ["token-7"]), Ct));
            // The rows still there are read: the External ID and the phone find their holders, in matching order.
            Assert.Equal([(IdentifierKind.ExternalId, olena.Id), (IdentifierKind.Phone, koval.Id)],
                (await IdentityResolver.HoldersAsync(db, "crm-1", email: null, "+380501234567", Ct)).Select(m => (m.Kind, m.ContactId)));
        }
        var api = new ContactApiQueries(Factory, ProfileFieldTable.Standard);
        Assert.Null(await api.ByEmailAsync("olena@example.com", Ct));
        Assert.Equal(olena.Id, (await api.ByExternalIdAsync("crm-1", Ct))?.Id);
        Assert.Equal(koval.Id, (await api.ByPhoneAsync("+380501234567", Ct))?.Id);
    }

    private async Task<List<string>> EmailKeysAsync()
    {
        await using var db = NewContext();
        return await db.Set<ContactEmail>().Select(e => e.EmailNormalized).OrderBy(e => e).ToListAsync(Ct);
    }
}
