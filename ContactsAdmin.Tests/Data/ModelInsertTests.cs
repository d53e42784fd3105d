using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Data;

/// <summary>The bulk insert stores what SaveChanges stores, value for value and type for type, and hands out ids in the order given.</summary>
public class ModelInsertTests : StoreTest
{
    private static Contact Full(string key, int phone) => new()
    {
        ExternalId = key, Email = key + "@Example.com", EmailNormalized = key + "@example.com", Phone = "+38050" + phone.ToString("D7", CultureInfo.InvariantCulture),
        FirstName = "Zoë", LastName = "O'Neil \"Jr.\"", BirthDate = new DateOnly(1990, 2, 28), Gender = Gender.Female,
        Country = "UA", Region = "Kyiv", City = "Kyiv", Street = "Khreshchatyk 1", PostCode = "01001", TimeZone = "Europe/Kyiv", Language = "uk-UA",
        Source = ContactSource.Api, CreatedAt = new DateTime(2026, 3, 3, 10, 15, 0, 123, DateTimeKind.Utc).AddTicks(4567),
        LastEditAt = new DateTime(2026, 3, 3, 10, 15, 0, DateTimeKind.Utc), LastEditBy = "API key 'shop'",
        EmailStatus = EmailStatus.Blacklisted, EmailStatusSince = new DateTime(2026, 1, 1), EmailStatusReason = "550 5.1.1",
        BlacklistReason = ContactsAdmin.Data.BlacklistReason.NonExistentAddress, BlacklistScope = ContactsAdmin.Data.BlacklistScope.System, Version = 3,
    };

    [Fact]
    public async Task Rows_inserted_in_bulk_are_stored_exactly_as_SaveChanges_stores_them()
    {
        await using (var db = NewContext())
        {
            db.Contacts.Add(Full("saved", 1));
            await db.SaveChangesAsync(Ct);
        }
        long[] ids;
        await using (var db = NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            using var insert = new ModelInsert<Contact>(db);
            ids = insert.InsertReturningIds([Full("bulk1", 2), new Contact { Source = ContactSource.Event, LastEditBy = null, City = "" }, Full("bulk333", 3)]);
            await transaction.CommitAsync(Ct);
        }

        await using var read = NewContext();
        var columns = (await read.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('Contacts')").ToListAsync(Ct))
            .Where(c => c is not ("Id" or "ExternalId" or "Email" or "EmailNormalized" or "Phone")).ToList();
        var row = $"SELECT {string.Join(" || '|' || ", columns.Select(c => $"typeof(\"{c}\") || ':' || quote(\"{c}\")"))} AS Value FROM Contacts WHERE ExternalId = {{0}}";
        var saved = await read.Database.SqlQueryRaw<string>(row, "saved").SingleAsync(Ct);
        var bulk = await read.Database.SqlQueryRaw<string>(row, "bulk1").SingleAsync(Ct);
        Assert.Equal(saved, bulk);
        var contacts = await read.Contacts.Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Equal(["bulk1", null, "bulk333"], contacts.Select(c => c.ExternalId));
        Assert.Equal(ids, contacts.Select(c => c.Id));
        Assert.Equal(ContactSource.Event, contacts[1].Source);
        Assert.Equal("", contacts[1].City);
        Assert.Null(contacts[1].LastEditBy);
        Assert.Equal(new DateOnly(1990, 2, 28), contacts[2].BirthDate);
        Assert.Equal(Full("x", 0).CreatedAt, contacts[2].CreatedAt);
    }

    [Fact]
    public async Task A_row_the_store_refuses_throws_SQLites_constraint_error_and_the_insert_goes_on_with_the_next_rows()
    {
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        using var insert = new ModelInsert<Contact>(db);
        insert.InsertReturningIds([Full("first", 1)]);

        var refused = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => insert.InsertReturningIds([Full("second", 1)]));   // the same phone
        var ids = insert.InsertReturningIds([Full("third", 3)]);
        await transaction.CommitAsync(Ct);

        Assert.Equal(SQLitePCL.raw.SQLITE_CONSTRAINT, refused.SqliteErrorCode);
        Assert.Contains("Phone", refused.Message);
        Assert.Equal(["first", "third"], await db.Contacts.OrderBy(c => c.Id).Select(c => c.ExternalId).ToListAsync(Ct));
        Assert.Equal(ids[0], await db.Contacts.Where(c => c.ExternalId == "third").Select(c => c.Id).SingleAsync(Ct));
    }

    [Fact]
    public async Task Rows_made_beforehand_with_their_keys_are_stored_exactly_as_SaveChanges_stores_them()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new StoreBuilder(database);
        var field = await store.FieldAsync("score", CustomFieldType.Number);
        long savedId;
        await using (var db = database.NewContext())
        {
            var saved = Full("saved", 1);
            saved.Id = 500;
            db.Contacts.Add(saved);
            db.CustomFieldValues.Add(new CustomFieldValue { ContactId = 500, FieldId = field.Id, NumberValue = 2.5, DateValue = new DateOnly(2026, 1, 2), BoolValue = false, TextValue = "Zoë" });
            db.EmailEvents.Add(Event(500, "saved"));
            await db.SaveChangesAsync(Ct);
            savedId = saved.Id;
        }
        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var contacts = new ModelRows<Contact>(db.Model, withKey: true);
            var bulk = Full("bulk", 2);
            bulk.Id = 700;
            contacts.Add(bulk);
            var values = new ModelRows<CustomFieldValue>(db.Model);
            values.Add(new CustomFieldValue { ContactId = 700, FieldId = field.Id, NumberValue = 2.5, DateValue = new DateOnly(2026, 1, 2), BoolValue = false, TextValue = "Zoë" });
            var events = new ModelRows<EmailEvent>(db.Model);
            events.Add(Event(700, "bulk"));
            using (var insertContacts = new ModelInsert<Contact>(db)) insertContacts.Insert(contacts);
            using (var insertValues = new ModelInsert<CustomFieldValue>(db)) insertValues.Insert(values);
            using (var insertEvents = new ModelInsert<EmailEvent>(db)) insertEvents.Insert(events);
            await transaction.CommitAsync(Ct);
        }

        await using var read = database.NewContext();
        Assert.Equal(500, savedId);
        Assert.Equal([500L, 700L], await read.Contacts.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(Ct));
        Assert.Equal(await RowAsync(read, "Contacts", "Id = 500", "Id", "ExternalId", "Email", "EmailNormalized", "Phone"),
            await RowAsync(read, "Contacts", "Id = 700", "Id", "ExternalId", "Email", "EmailNormalized", "Phone"));
        Assert.Equal(await RowAsync(read, "CustomFieldValues", "ContactId = 500", "ContactId"), await RowAsync(read, "CustomFieldValues", "ContactId = 700", "ContactId"));
        Assert.Equal(await RowAsync(read, "EmailEvents", "ContactId = 500", "Id", "ContactId", "Note"), await RowAsync(read, "EmailEvents", "ContactId = 700", "Id", "ContactId", "Note"));
    }

    [Fact]
    public async Task Rows_released_and_filled_again_store_only_what_was_added_since()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        // Enough rows to grow every buffer past the pools' first arrays; their values stay in the arrays given back.
        var rows = new ModelRows<Contact>(db.Model);
        for (var i = 0; i < 3_000; i++) rows.Add(Full($"before{i}", i));
        rows.Release();
        rows.Add(new Contact { ExternalId = "after1", FirstName = "Ann" });
        rows.Add(Full("after2", 42));

        using (var insert = new ModelInsert<Contact>(db)) insert.Insert(rows);
        await transaction.CommitAsync(Ct);

        Assert.Equal(2, rows.Count);
        var stored = await db.Contacts.OrderBy(c => c.Id).Select(c => new { c.ExternalId, c.FirstName, c.LastName, c.Phone }).ToListAsync(Ct);
        Assert.Equal([new { ExternalId = (string?)"after1", FirstName = (string?)"Ann", LastName = (string?)null, Phone = (string?)null },
            new { ExternalId = (string?)"after2", FirstName = (string?)"Zoë", LastName = (string?)"O'Neil \"Jr.\"", Phone = (string?)"+380500000042" }], stored);
    }

    [Fact]
    public async Task Ids_follow_the_order_given_across_statements_of_every_size()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        using var insert = new ModelInsert<Contact>(db);
        List<string?> keys = [.. Enumerable.Range(0, 2_345).Select(i => $"c{i}")];

        var ids = insert.InsertReturningIds([.. keys.Select(k => new Contact { ExternalId = k })]);
        await transaction.CommitAsync(Ct);

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(keys, await db.Contacts.OrderBy(c => c.Id).Select(c => c.ExternalId).ToListAsync(Ct));
        Assert.Equal(ids, await db.Contacts.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(Ct));
    }

    [Fact]
    public void Dates_are_written_as_Microsoft_Data_Sqlite_writes_them()
    {
        var random = new DemoRandom(20261129);
        var times = Enumerable.Range(0, 2_000)
            .Select(_ => new DateTime(2020, 1, 1).AddTicks((long)(random.Double() * TimeSpan.TicksPerDay * 3000)))
            .Concat([new DateTime(2026, 3, 3, 10, 15, 0), new DateTime(2026, 3, 3, 10, 15, 0, 120), new DateTime(2026, 3, 3).AddTicks(1)]);

        foreach (var time in times)
        {
            var text = new byte[27];
            var length = ModelInsert<Contact>.WriteTime(text, time.Ticks);
            Assert.Equal(time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture), System.Text.Encoding.UTF8.GetString(text, 0, length));
            var day = new byte[10];
            ModelInsert<Contact>.WriteDay(day, time.Year, time.Month, time.Day);
            Assert.Equal(time.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), System.Text.Encoding.UTF8.GetString(day));
        }
    }

    private static EmailEvent Event(long contactId, string note) => new()
    {
        Address = "zoe@example.com", ContactId = contactId, Kind = EmailEventKind.HardBounce, OccurredAt = new DateTime(2026, 2, 3, 4, 5, 6, 789),
        MessageName = "Spring sale", SmtpCode = "550", Diagnostic = "no such user", BlacklistReason = ContactsAdmin.Data.BlacklistReason.NonExistentAddress,
        BlacklistScope = ContactsAdmin.Data.BlacklistScope.System, Note = note,
    };

    // Every column but the ones named, as SQLite's type and literal: equal texts mean equal rows, type for type.
    private static async Task<string> RowAsync(AppDbContext db, string table, string where, params string[] except)
    {
        var columns = (await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info({table})").ToListAsync(Ct))
            .Where(c => !except.Contains(c)).ToList();
        var row = $"SELECT {string.Join(" || '|' || ", columns.Select(c => $"typeof(\"{c}\") || ':' || quote(\"{c}\")"))} AS Value FROM \"{table}\" WHERE {where}";
        return await db.Database.SqlQueryRaw<string>(row).SingleAsync(Ct);
    }
}
