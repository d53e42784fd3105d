using ContactsAdmin.Components.Shared;
using ContactsAdmin.Data;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.AuditLog;

/// <summary>The settings audit log: what is recorded, and how the audit page's filters and pages read it.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class SettingsAuditTests : StoreTest
{
    private static readonly DateTime Noon = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private SettingsAuditQueries Queries => new(Factory);

    private async Task AddAsync(string actor, SettingsArea area, string subject, DateTime at, object? before = null, object? after = null)
    {
        await using var db = NewContext();
        SettingsAudit.Record(db, actor, area, subject, "Created", before, after, at);
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Creating_and_revoking_an_api_key_is_recorded_with_who_and_what()
    {
        var keys = new ApiKeyService(Factory, new FakeTimeProvider(new DateTimeOffset(Noon)));
        var created = await keys.CreateAsync("Shop backend", "ada@example.com", ct: Ct);
        Assert.True(await keys.RevokeAsync(created.Id, "grace@example.com", Ct));
        Assert.False(await keys.RevokeAsync(created.Id, "grace@example.com", Ct));

        await using var db = NewContext();
        var entries = await db.SettingsChanges.OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Collection(entries,
            made =>
            {
                Assert.Equal(("ada@example.com", SettingsArea.ApiKey, "Shop backend", "Created"), (made.Actor, made.Area, made.Subject, made.Action));
                Assert.Null(made.Before);
                Assert.Contains(SettingsChangeDiff.Of(made), p => p.Name == "Scopes" && p.After == "everything");
            },
            revoked =>
            {
                Assert.Equal(("grace@example.com", "Revoked"), (revoked.Actor, revoked.Action));
                Assert.Null(revoked.After);
                Assert.Contains(SettingsChangeDiff.Of(revoked), p => p.Name == "Name" && p.Before == "Shop backend");
            });
        // The key itself is never written to the log, only its prefix.
        Assert.DoesNotContain(entries, e => (e.After ?? "").Contains(created.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_log_reads_newest_first_and_filters_by_who_kind_and_the_viewers_days()
    {
        await AddAsync("ada@example.com", SettingsArea.Category, "newsletter", Noon.AddDays(-2));
        await AddAsync("grace@example.com", SettingsArea.CustomField, "loyalty_tier", Noon.AddDays(-1));
        await AddAsync("ada@example.com", SettingsArea.CustomField, "shoe_size", Noon);
        // 23:30 UTC on the 10th is already the 11th in Tokyo.
        await AddAsync("ada@example.com", SettingsArea.Widget, "promo", new DateTime(2026, 3, 10, 23, 30, 0, DateTimeKind.Utc));

        var utc = TimeZoneInfo.Utc;
        var all = await Queries.ListAsync(new SettingsAuditFilter(), utc, new GridPage(0, 25), Ct);
        Assert.Equal(["promo", "shoe_size", "loyalty_tier", "newsletter"], all.Rows.Select(r => r.Subject));
        Assert.Equal(4, all.TotalCount);

        var ada = await Queries.ListAsync(new SettingsAuditFilter(Actor: "ada@example.com", Area: SettingsArea.CustomField), utc, new GridPage(0, 25), Ct);
        Assert.Equal(["shoe_size"], ada.Rows.Select(r => r.Subject));

        var tenthUtc = await Queries.ListAsync(new SettingsAuditFilter(From: new DateOnly(2026, 3, 10), To: new DateOnly(2026, 3, 10)), utc, new GridPage(0, 25), Ct);
        Assert.Equal(["promo", "shoe_size"], tenthUtc.Rows.Select(r => r.Subject));
        var tenthTokyo = await Queries.ListAsync(new SettingsAuditFilter(From: new DateOnly(2026, 3, 10), To: new DateOnly(2026, 3, 10)),
            LocalDays.ZoneOrUtc("Asia/Tokyo"), new GridPage(0, 25), Ct);
        Assert.Equal(["shoe_size"], tenthTokyo.Rows.Select(r => r.Subject));

        Assert.Equal(["ada@example.com", "grace@example.com"], await Queries.ActorsAsync(Ct));
    }

    [Fact]
    public async Task Pages_hold_the_chosen_number_of_changes_and_the_total_counts_them_all()
    {
        for (var i = 0; i < 30; i++)
            await AddAsync("ada@example.com", SettingsArea.Category, $"category_{i:00}", Noon.AddMinutes(i));

        var second = await Queries.ListAsync(new SettingsAuditFilter(), TimeZoneInfo.Utc, new GridPage(1, 25), Ct);

        Assert.Equal(30, second.TotalCount);
        Assert.Equal(["category_04", "category_03", "category_02", "category_01", "category_00"], second.Rows.Select(r => r.Subject));
    }

    [Fact]
    public void The_page_shows_only_what_changed_and_everything_of_a_creation()
    {
        var renamed = new SettingsChange
        {
            Before = """{"Name":"News","Key":"newsletter","Options":["A","B"]}""",
            After = """{"Name":"Newsletter","Key":"newsletter","Options":["A","B","C"]}""",
        };
        Assert.Equal([new ChangedProperty("Name", "News", "Newsletter"), new ChangedProperty("Options", "A, B", "A, B, C")],
            SettingsChangeDiff.Of(renamed));

        var created = new SettingsChange { After = """{"Name":"News","Active":true,"Limit":3}""" };
        Assert.Equal([new ChangedProperty("Name", null, "News"), new ChangedProperty("Active", null, "yes"), new ChangedProperty("Limit", null, "3")],
            SettingsChangeDiff.Of(created));

        // A snapshot cut at the column's size is shown as it is rather than lost.
        var cut = new SettingsChange { Before = """{"Name":"Ne""", After = null };
        Assert.Equal([new ChangedProperty("Value", """{"Name":"Ne""", null)], SettingsChangeDiff.Of(cut));
    }

    [Fact]
    public async Task A_change_made_without_a_signed_in_user_is_the_systems()
    {
        await using (var db = NewContext())
        {
            SettingsAudit.Record(db, user: null, SettingsArea.User, "ada@example.com", "Created", null, new { Role = "Admin" }, Noon);
            await db.SaveChangesAsync(Ct);
        }
        await using var check = NewContext();
        Assert.Equal(SettingsAudit.SystemActor, (await check.SettingsChanges.SingleAsync(Ct)).Actor);
    }
}
