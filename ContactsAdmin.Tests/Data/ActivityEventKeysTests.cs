using ContactsAdmin.Data;
using ContactsAdmin.Data.PostgreSql.Migrations;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Data;

/// <summary>
/// PostgreSQL's event keys (ActivityEventKeys, docs/scale-out.md item 2) as the recorder meets them: the look-up table,
/// not an index on Activities, is what finds a stored keyValue and refuses a second activity for it, and the migration's
/// backfill fills it from the activities. That every writer keeps it in step is checked when each PostgreSQL test's
/// database is dropped (TestDatabase, the drift query).
/// </summary>
[Trait(TestStore.Trait, TestStore.PostgreSqlOnly)]
public sealed class ActivityEventKeysTests() : PostgreSqlStoreTest("The event keys' look-up table is PostgreSQL's")
{
    private static readonly DateTime When = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);

    private ActivityRecorder Recorder => new(Factory, new EmailStatusRecorder(Factory, EmailStatusRuleOptions.Default));

    [Fact]
    public async Task A_key_is_found_and_guarded_by_its_look_up_row_alone()
    {
        var contact = await Store.ContactAsync();
        var input = new ActivityInput(contact.Id, When, ActivityChannel.Website, "AddToCart", EventKey: "order-17-cart");
        var first = await Recorder.RecordAsync(input, Ct);
        Assert.Equal(new RecordedActivity(first.Id, Created: false), await Recorder.RecordAsync(input, Ct));
        Assert.Equal([("order-17-cart", first.Id)], await KeysAsync());

        // The look-up's row taken away, as nothing the app writes would: the activity still holds its key, and yet the
        // same keyValue is stored again, so the look-up table is both what finds a key and what refuses it.
        Database.AllowsIdentifierDrift = true;
        await Database.ExecuteSqlAsync("DELETE FROM \"ActivityEventKeys\"", Ct);
        var again = await Recorder.RecordAsync(input, Ct);

        Assert.True(again.Created);
        Assert.NotEqual(first.Id, again.Id);
        Assert.Equal([("order-17-cart", again.Id)], await KeysAsync());
    }

    [Fact]
    public async Task The_backfill_fills_the_keys_from_the_activities()
    {
        var contact = await Store.ContactAsync();
        var keyed = await Recorder.RecordAsync(new ActivityInput(contact.Id, When, ActivityChannel.App, "AppOpened", EventKey: "open-1"), Ct);
        await Recorder.RecordAsync(new ActivityInput(contact.Id, When, ActivityChannel.App, "AppClosed"), Ct);
        // As a database whose activities were stored before the look-up table existed.
        await Database.ExecuteSqlAsync("DELETE FROM \"ActivityEventKeys\"", Ct);
        Assert.NotEmpty(await PostgreSqlTestDatabases.IdentifierDriftAsync(Database.ConnectionString));

        await Database.ExecuteSqlAsync(ActivityEventKeyLookups.Backfill, Ct);

        Assert.Empty(await PostgreSqlTestDatabases.IdentifierDriftAsync(Database.ConnectionString));
        Assert.Equal([("open-1", keyed.Id)], await KeysAsync());
    }

    private async Task<List<(string Key, long ActivityId)>> KeysAsync()
    {
        await using var db = NewContext();
        return [.. (await db.Set<ActivityEventKey>().OrderBy(k => k.EventKey).ToListAsync(Ct)).Select(k => (k.EventKey, k.ActivityId))];
    }
}
