using System.Globalization;
using ContactsAdmin.Data;
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
            ids = insert.InsertMany([Full("bulk1", 2), new Contact { Source = ContactSource.Event, LastEditBy = null, City = "" }, Full("bulk333", 3)]);
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
        insert.InsertMany([Full("first", 1)]);

        var refused = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => insert.InsertMany([Full("second", 1)]));   // the same phone
        var ids = insert.InsertMany([Full("third", 3)]);
        await transaction.CommitAsync(Ct);

        Assert.Equal(SQLitePCL.raw.SQLITE_CONSTRAINT, refused.SqliteErrorCode);
        Assert.Contains("Phone", refused.Message);
        Assert.Equal(["first", "third"], await db.Contacts.OrderBy(c => c.Id).Select(c => c.ExternalId).ToListAsync(Ct));
        Assert.Equal(ids[0], await db.Contacts.Where(c => c.ExternalId == "third").Select(c => c.Id).SingleAsync(Ct));
    }
}
