using System.Data.Common;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.Contacts.Erasing;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Contacts.Erasing;

/// <summary>Erasing a contact: nothing personal stays readable anywhere, and its suppression comes back with the person.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class ContactErasureTests : StoreTest
{
    private const string Email = "Zoryana.Erased@Example.com";
    private const string Address = "zoryana.erased@example.com";
    private const string Phone = "+380671234987";
    private const string First = "Zoryana";
    private const string Last = "Vyshyvanko";

    private ContactErasure Erasure => Services.GetRequiredService<ContactErasure>();

    /// <summary>A contact with a row in every table that can hold something of it, blacklisted by an Admin.</summary>
    private async Task<(Contact Erased, Contact Other)> ContactWithEverythingAsync()
    {
        var since = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
        var contact = await Store.ContactAsync(c =>
        {
            (c.FirstName, c.LastName, c.Email, c.EmailNormalized, c.Phone, c.ExternalId, c.City) = (First, Last, Email, Address, Phone, "ext-zv-1", "Lviv");
            (c.EmailStatus, c.EmailStatusSince, c.BlacklistReason, c.BlacklistScope) = (EmailStatus.Blacklisted, since, BlacklistReason.Manual, BlacklistScope.Local);
            c.Devices.Add(new ContactDevice { DeviceId = "device-zv", Platform = DevicePlatform.Android, PushToken = "token-zv" });
        });
        var other = await Store.ContactAsync(c => (c.FirstName, c.LastName, c.Email, c.EmailNormalized) = ("Ivan", "Stays", "ivan@example.com", "ivan@example.com"));
        var field = await Store.FieldAsync("nickname", CustomFieldType.Text);
        await Store.ValueAsync(contact, field, "Zorya " + Last);
        await Store.SubscribeAsync(contact, await Store.CategoryAsync("News"));
        await Store.ActivitiesAsync(contact,
            new Activity { OccurredAt = since, Channel = ActivityChannel.Website, Name = "FormFilled", Details = $$"""{ "email": "{{Email}}", "phone": "{{Phone}}", "name": "{{First}}" }""" });
        await using var db = NewContext();
        db.AuditEntries.Add(new AuditEntry { ContactId = contact.Id, OccurredAt = since, Actor = "tests", Source = ChangeSource.User, Field = "Last name", OldValue = Last + "-Old", NewValue = Last });
        db.EmailEvents.Add(new EmailEvent { Address = Address, ContactId = contact.Id, Kind = EmailEventKind.Delivered, OccurredAt = since.AddDays(-3), MessageName = "Hello " + First });
        db.EmailEvents.Add(new EmailEvent
        {
            Address = Address, ContactId = contact.Id, Kind = EmailEventKind.BlacklistAdded, OccurredAt = since,
            BlacklistReason = BlacklistReason.Manual, BlacklistScope = BlacklistScope.Local, Actor = "admin@example.com", Note = "asked by " + First,
        });
        db.BlacklistEntries.Add(new BlacklistEntry { Address = Address, Reason = BlacklistReason.Manual, Scope = BlacklistScope.Local, AddedAt = since, AddedBy = "admin@example.com" });
        db.SettingsChanges.Add(new SettingsChange
        {
            OccurredAt = since, Actor = "admin@example.com", Area = SettingsArea.Export, Subject = "Contacts", Action = "Exported",
            After = $$"""{ "Search": "{{Email}}", "Rows": 1 }""",
        });
        db.DuplicatePairs.Add(new DuplicatePair { FirstId = contact.Id, SecondId = other.Id, Reason = "Same city", Score = 40, FoundAt = since });
        db.ContactMergeRecords.Add(new ContactMergeRecord
        {
            SurvivorId = other.Id, MergedAwayId = contact.Id, MergedAt = since, MergedBy = "admin@example.com", UndoUntil = since.AddDays(30),
            Snapshot = $$"""{ "mergedAway": { "email": "{{Email}}", "firstName": "{{First}}", "lastName": "{{Last}}", "phone": "{{Phone}}" } }""",
        });
        await db.SaveChangesAsync(Ct);
        return (contact, other);
    }

    [Fact]
    public async Task After_an_erase_no_text_column_of_any_table_holds_the_contacts_email_phone_or_names()
    {
        var (contact, other) = await ContactWithEverythingAsync();
        Assert.NotEmpty(await TextColumnsHoldingAsync(First));   // the scan finds what is there

        Assert.NotNull(await Erasure.EraseAsync(TestUsers.Admin(), contact.Id, Ct));

        foreach (var value in new[] { Email, Phone, First, Last, "ext-zv-1", "token-zv" })
            Assert.Empty(await TextColumnsHoldingAsync(value));
        await using var db = NewContext();
        Assert.True(await db.Contacts.AnyAsync(c => c.Id == other.Id, Ct));
    }

    [Fact]
    public async Task The_settings_audit_records_the_erase_by_whom_with_the_contact_id_only()
    {
        var (contact, _) = await ContactWithEverythingAsync();

        await Erasure.EraseAsync(TestUsers.Admin("dpo@example.com"), contact.Id, Ct);

        await using var db = NewContext();
        var entry = await db.SettingsChanges.SingleAsync(c => c.Action == ContactErasure.Erased, Ct);
        Assert.Equal(("dpo@example.com", SettingsArea.Contact, $"Contact #{contact.Id}"), (entry.Actor, entry.Area, entry.Subject));
        foreach (var value in new[] { "Zoryana", "Vyshyvanko", "zoryana.erased", "671234987" })
            Assert.DoesNotContain(value, $"{entry.Subject} {entry.Before} {entry.After}", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_suppression_is_a_keyed_hash_of_the_email_and_phone_with_the_blacklisting()
    {
        var (contact, _) = await ContactWithEverythingAsync();

        var outcome = await Erasure.EraseAsync(TestUsers.Admin(), contact.Id, Ct);

        Assert.Equal(new ErasureOutcome(contact.Id, EmailStatus.Blacklisted, 2), outcome);
        await using var db = NewContext();
        var rows = await db.ErasedSuppressions.OrderBy(s => s.Kind).ToListAsync(Ct);
        Assert.Equal([SuppressedIdentifier.Email, SuppressedIdentifier.Phone], rows.Select(r => r.Kind));
        var hasher = Services.GetRequiredService<SuppressionHasher>();
        Assert.Equal(hasher.Email(Address), rows[0].Hash);
        Assert.Equal(hasher.Phone(Phone), rows[1].Hash);
        // Another key gives other hashes: a list of addresses hashed without this installation's key finds nothing.
        Assert.NotEqual(SuppressionHasher.Ephemeral().Email(Address), rows[0].Hash);
        Assert.All(rows, r => Assert.Equal((EmailStatus.Blacklisted, BlacklistReason.Manual, BlacklistScope.Local), (r.EmailStatus, r.BlacklistReason, r.BlacklistScope)));
    }

    [Fact]
    public async Task A_mailable_address_keeps_no_suppression()
    {
        var contact = await Store.ContactAsync(c => (c.Email, c.EmailNormalized, c.EmailStatus) = ("active@example.com", "active@example.com", EmailStatus.Active));

        var outcome = await Erasure.EraseAsync(TestUsers.Admin(), contact.Id, Ct);

        Assert.Equal(new ErasureOutcome(contact.Id, null, 0), outcome);
        await using var db = NewContext();
        Assert.False(await db.ErasedSuppressions.AnyAsync(Ct));
    }

    [Theory]
    [InlineData("marketer")]
    [InlineData("viewer")]
    public async Task Only_admins_may_erase(string role)
    {
        var (contact, _) = await ContactWithEverythingAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Erasure.EraseAsync(role == "marketer" ? TestUsers.Marketer() : TestUsers.Viewer(), contact.Id, Ct));

        await using var db = NewContext();
        Assert.True(await db.Contacts.AnyAsync(c => c.Id == contact.Id, Ct));
    }

    [Fact]
    public async Task The_same_email_written_again_by_the_api_is_blacklisted_as_before_with_the_restore_noted()
    {
        var (contact, _) = await ContactWithEverythingAsync();
        await Erasure.EraseAsync(TestUsers.Admin(), contact.Id, Ct);

        var outcome = await Services.GetRequiredService<ContactIngest>().WriteAsync(
            new ContactPayload { Channels = [new ChannelPayload { Type = "email", Value = "zoryana.erased@example.com" }] },
            ChangeActor.ApiKey("shop"), ContactSource.Api, Ct);

        var written = Assert.IsType<ContactWriteOutcome.Written>(outcome);
        await using var db = NewContext();
        var back = await db.Contacts.SingleAsync(c => c.Id == written.ContactId, Ct);
        Assert.Equal((EmailStatus.Blacklisted, BlacklistReason.Manual), (back.EmailStatus, back.BlacklistReason));
        Assert.Contains(SuppressionRestore.Note, back.EmailStatusReason);
        Assert.Equal(new DateTime(2026, 3, 1, 9, 0, 0), back.EmailStatusSince);
        Assert.True(await db.BlacklistEntries.AnyAsync(b => b.Address == Address && b.RemovedAt == null, Ct));
    }

    [Fact]
    public async Task The_same_phone_arriving_with_a_new_address_brings_the_suppression_to_that_address()
    {
        var (contact, _) = await ContactWithEverythingAsync();
        await Erasure.EraseAsync(TestUsers.Admin(), contact.Id, Ct);

        var outcome = await Services.GetRequiredService<ContactIngest>().WriteAsync(
            new ContactPayload { Channels = [new ChannelPayload { Type = "email", Value = "new.address@example.com" }, new ChannelPayload { Type = "sms", Value = Phone }] },
            ChangeActor.ApiKey("shop"), ContactSource.Api, Ct);

        await using var db = NewContext();
        var back = await db.Contacts.SingleAsync(c => c.Id == Assert.IsType<ContactWriteOutcome.Written>(outcome).ContactId, Ct);
        Assert.Equal(EmailStatus.Blacklisted, back.EmailStatus);
    }

    [Fact]
    public async Task An_erased_address_typed_on_another_contacts_card_brings_the_blacklisting_back()
    {
        var (contact, _) = await ContactWithEverythingAsync();
        await Erasure.EraseAsync(TestUsers.Admin(), contact.Id, Ct);
        var someone = await Store.ContactAsync(c => c.FirstName = "Someone");
        var editor = Services.GetRequiredService<ContactEditor>();
        var (loaded, version, _) = (await editor.LoadAsync(someone.Id, Ct))!.Value;
        var edited = loaded.Copy();
        edited[ProfileFields.Email] = Email;

        Assert.IsType<SaveOutcome.Saved>(await editor.SaveAsync(someone.Id, version, loaded, edited, TestUsers.Marketer(), ct: Ct));

        await using var db = NewContext();
        Assert.Equal(EmailStatus.Blacklisted, (await db.Contacts.SingleAsync(c => c.Id == someone.Id, Ct)).EmailStatus);
    }

    /// <summary>"table.column" of every column of every table (from the engine's catalog) whose text holds <paramref name="value"/>, case-insensitively.</summary>
    private async Task<List<string>> TextColumnsHoldingAsync(string value)
    {
        await using var db = NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var columns = await StoreCatalog.ColumnsAsync(connection, Ct);
        var position = TestStore.IsPostgreSql ? "strpos" : "instr";
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE {position}(lower(CAST(\"{column}\" AS TEXT)), lower(@value)) > 0";
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = ("value", value);
            command.Parameters.Add(parameter);
            if (Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture) > 0) found.Add($"{table}.{column}");
        }
        Assert.NotEmpty(columns);
        return found;
    }
}
