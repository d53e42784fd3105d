using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Data;

/// <summary>
/// The web app's commits leave the write-ahead log to a background checkpointer: what they write reaches the
/// database file without a commit paying for the copy.
/// </summary>
public class WalCheckpointerTests
{
    [Fact]
    public async Task What_the_app_commits_is_copied_into_the_database_file_in_the_background()
    {
        await using var app = await AppFactory.CreateAsync();
        var database = app.Database;
        app.StartServer();
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        await db.Database.OpenConnectionAsync(Ct);
        await using (var pragma = db.Database.GetDbConnection().CreateCommand())
        {
            pragma.CommandText = "PRAGMA wal_autocheckpoint";
            Assert.Equal(0L, await pragma.ExecuteScalarAsync(Ct));   // no commit copies the log itself
        }

        var before = new FileInfo(database.Path).Length;
        var contact = new Contact { Source = ContactSource.Api, CreatedAt = DateTime.UtcNow, LastEditAt = DateTime.UtcNow };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(Ct);
        for (var i = 0; i < 2000; i++)
            db.AuditEntries.Add(new AuditEntry { ContactId = contact.Id, OccurredAt = DateTime.UtcNow, Actor = "test", Source = ChangeSource.ApiKey, Field = "Note", NewValue = new string('x', 2000) });
        await db.SaveChangesAsync(Ct);   // about 4 MB: a thousand pages, which SQLite itself would checkpoint at

        await Eventually.HoldsAsync(() => Task.FromResult(new FileInfo(database.Path).Length > before + 3_000_000),
            TimeSpan.FromSeconds(15), "the committed pages reach the database file");
        Assert.Equal(2000, await db.AuditEntries.CountAsync(a => a.ContactId == contact.Id, Ct));
    }
}
