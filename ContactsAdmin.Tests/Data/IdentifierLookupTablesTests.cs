using ContactsAdmin.Data;
using ContactsAdmin.Data.PostgreSql.Migrations;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ContactsAdmin.Tests.Data;

/// <summary>
/// PostgreSQL's identifier look-up tables as writers meet them (docs/scale-out.md, "What is left", item 1). That every
/// write path keeps them in step is checked when each PostgreSQL test's database is dropped (TestDatabase); these are
/// what that check cannot show: a claim refused by the look-up alone, and the migration that fills them.
/// </summary>
[Trait(TestStore.Trait, TestStore.PostgreSqlOnly)]
public sealed class IdentifierLookupWritesTests : StoreTest
{
    public override async ValueTask InitializeAsync()
    {
        if (!TestStore.IsPostgreSql) Assert.Skip("The look-up tables are PostgreSQL's: runs in the PostgreSQL pass (CONTACTS_TEST_STORE=PostgreSQL).");
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (TestStore.IsPostgreSql) await base.DisposeAsync();   // a skipped test made no database
    }

    [Fact]
    public async Task An_address_the_look_up_gives_another_contact_refuses_the_card_s_save_as_the_unique_index_would()
    {
        var holder = await Store.ContactAsync(c => c.Email = "olena@example.com");
        var editing = await Store.ContactAsync(c => c.Email = "koval@example.com");
        // Another instance's claim that committed after this writer's check: its contact row is not there yet.
        await ExecuteAsync($"INSERT INTO \"ContactEmails\" VALUES ('taken@example.com', {holder.Id})");
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
        await ExecuteAsync("DELETE FROM \"ContactEmails\" WHERE \"EmailNormalized\" = 'taken@example.com'");
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
        await ExecuteAsync("DELETE FROM \"ContactEmails\"; DELETE FROM \"ContactPhones\"; DELETE FROM \"ContactExternalIds\"; DELETE FROM \"ContactDeviceIds\"; "
            + "INSERT INTO \"ContactPhones\" VALUES ('+380500000000', 999)");
        Assert.NotEmpty(await PostgreSqlTestDatabases.IdentifierDriftAsync(Database.ConnectionString));

        await ExecuteAsync(IdentifierLookupBackfill.Repair);

        Assert.Empty(await PostgreSqlTestDatabases.IdentifierDriftAsync(Database.ConnectionString));
        Assert.Equal(["koval@example.com", "olena@example.com"], await EmailKeysAsync());
        await ExecuteAsync(IdentifierLookupBackfill.Repair);   // again: nothing changes, nothing fails
        Assert.Empty(await PostgreSqlTestDatabases.IdentifierDriftAsync(Database.ConnectionString));
    }

    private async Task<List<string>> EmailKeysAsync()
    {
        await using var db = NewContext();
        return await db.Set<ContactEmail>().Select(e => e.EmailNormalized).OrderBy(e => e).ToListAsync(Ct);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
