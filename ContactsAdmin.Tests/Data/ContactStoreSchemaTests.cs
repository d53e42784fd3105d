using ContactsAdmin.Data;
using ContactsAdmin.Data.PostgreSql;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Data;

public class ContactStoreSchemaTests : StoreTest
{
    [Fact]
    public async Task Migrations_create_every_table_from_an_empty_file()
    {
        await using var db = NewContext();

        var tables = await db.Database
            .SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'")
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Superset(
            new HashSet<string>
            {
                "Contacts", "ContactDevices", "CustomFieldDefinitions", "CustomFieldValues", "SubscriptionCategories",
                "ContactSubscriptions", "SubscriptionForms", "EmailEvents", "BlacklistEntries", "Activities", "Widgets",
                "AuditEntries", "ApiKeys", "AspNetUsers", "AspNetRoles",
            },
            tables.ToHashSet());
    }

    [Fact]
    public async Task The_migrations_describe_the_whole_model()
    {
        // A model change without its migration would leave new databases without it; from now on every schema
        // change adds a migration (`dotnet ef migrations add <Name> --project ContactsAdmin`).
        await using var db = NewContext();

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_PostgreSQL_migrations_describe_the_whole_model_too()
    {
        // PostgreSQL keeps a migration history of its own (Data/PostgreSql/Migrations): a model change needs a migration
        // there as well (`dotnet ef migrations add <Name> --context ContactsAdmin.Data.PostgreSql.PostgreSqlAppDbContext
        // --output-dir Data/PostgreSql/Migrations`). Comparing the models needs no server.
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_identifier_look_up_tables_are_PostgreSQL_s_alone_and_guard_its_identifiers()
    {
        // SQLite finds contacts by the unique indexes on their own columns; the look-up tables (IdentifierLookupTables)
        // must not reach its model, e.g. as an entity configuration, which every model applies.
        Type[] lookups = [typeof(ContactEmail), typeof(ContactPhone), typeof(ContactExternalId), typeof(ContactDeviceId)];
        using var sqlite = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.All(lookups, type => Assert.Null(sqlite.Model.FindEntityType(type)));
        Assert.All(lookups, type => Assert.NotNull(postgres.Model.FindEntityType(type)));
        // Where the look-ups refuse a second holder (PostgreSQL) the identifiers' indexes on Contacts are plain; on SQLite
        // they are the guard.
        string[] identifiers = [nameof(Contact.ExternalId), nameof(Contact.EmailNormalized), nameof(Contact.Phone)];
        static bool IsUnique(DbContext db, string column) => db.Model.FindEntityType(typeof(Contact))!.GetIndexes()
            .Single(i => i.Properties is [var only] && only.Name == column).IsUnique;
        Assert.All(identifiers, column => Assert.True(IsUnique(sqlite, column), column));
        Assert.All(identifiers, column => Assert.False(IsUnique(postgres, column), column));
    }

    [Fact]
    public async Task The_full_text_index_and_its_triggers_have_the_names_the_code_uses()
    {
        await using var db = NewContext();

        var searchObjects = await db.Database
            .SqlQueryRaw<string>("SELECT type || ' ' || name AS Value FROM sqlite_master WHERE name = {0} OR (type = 'trigger' AND tbl_name = 'Contacts')",
                ContactSearchSchema.Table)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            new[] { $"table {ContactSearchSchema.Table}" }.Concat(ContactSearchSchema.Triggers.Select(name => $"trigger {name}")).Order(),
            searchObjects.Order());
    }

    [Fact]
    public async Task The_database_runs_in_WAL_mode()
    {
        await using var db = NewContext();

        var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", Assert.Single(mode));
    }

    [Theory]
    [InlineData(nameof(Contact.ExternalId), "u-1001")]
    [InlineData(nameof(Contact.EmailNormalized), "olena@example.com")]
    [InlineData(nameof(Contact.Phone), "+380501234567")]
    public async Task A_second_contact_with_the_same_identifier_is_refused(string identifier, string value)
    {
        await using (var db = NewContext())
        {
            db.Contacts.Add(WithIdentifier(identifier, value));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var second = NewContext();
        second.Contacts.Add(WithIdentifier(identifier, value));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(TestContext.Current.CancellationToken));

        var sqlite = Assert.IsType<SqliteException>(error.InnerException);
        Assert.Contains("UNIQUE", sqlite.Message);
        Assert.Contains(identifier, sqlite.Message);
    }

    [Fact]
    public async Task Contacts_without_identifiers_do_not_collide()
    {
        await using var db = NewContext();

        db.Contacts.AddRange(new Contact { CreatedAt = DateTime.UtcNow }, new Contact { CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, await db.Contacts.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_push_token_belongs_to_one_device_only()
    {
        await using var db = NewContext();
        db.Contacts.AddRange(
            new Contact { Devices = [new ContactDevice { DeviceId = "a", PushToken = "token-1" }] },
            new Contact { Devices = [new ContactDevice { DeviceId = "b", PushToken = "token-1" }] });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    private static Contact WithIdentifier(string identifier, string value)
    {
        var contact = new Contact { CreatedAt = DateTime.UtcNow, LastEditAt = DateTime.UtcNow };
        typeof(Contact).GetProperty(identifier)!.SetValue(contact, value);
        return contact;
    }
}
