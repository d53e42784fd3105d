using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Demo;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Demo;

[Trait(TestStore.Trait, TestStore.BothEngines)]
public partial class DemoDataSeederTests : StoreTest
{
    // A small store keeps these quick; the known contacts are part of it.
    private static readonly DemoDataOptions Small = DemoDataOptions.Default with { Contacts = 150 };
    private static readonly DateTimeOffset SeedingMorning = new(2026, 11, 29, 8, 15, 0, TimeSpan.Zero);
    private static readonly DateTime SeedingDay = SeedingMorning.UtcDateTime.Date;

    [Fact]
    public async Task Two_databases_seeded_with_the_same_options_on_the_same_day_hold_the_same_data()
    {
        await using var second = await TestDatabase.CreateAsync();

        await Seeder(Database, SeedingMorning).SeedAsync(Small, fresh: false, progress: null, Ct);
        // Later the same day: dates are offsets from midnight, so the time of seeding does not matter.
        await Seeder(second, SeedingMorning.AddHours(13)).SeedAsync(Small, fresh: true, progress: null, Ct);

        AssertSameDump(await DumpAsync(Database), await DumpAsync(second));
    }

    [Fact]
    public async Task A_different_seed_gives_different_data()
    {
        await using var second = await TestDatabase.CreateAsync();

        await Seeder(Database).SeedAsync(Small, fresh: false, progress: null, Ct);
        await Seeder(second).SeedAsync(Small with { Seed = Small.Seed + 1 }, fresh: false, progress: null, Ct);

        var (one, other) = (await DumpAsync(Database), await DumpAsync(second));
        Assert.NotEqual(one["Contacts"], other["Contacts"]);
        Assert.NotEqual(one["Activities"], other["Activities"]);
    }

    [Fact]
    public async Task Seeding_if_empty_a_second_time_creates_nothing()
    {
        var seeder = Seeder(Database);

        var firstTime = await seeder.SeedIfEmptyAsync(Small, progress: null, Ct);
        var before = await DumpAsync(Database);
        var secondTime = await seeder.SeedIfEmptyAsync(Small with { Seed = 7 }, progress: null, Ct);

        Assert.NotNull(firstTime);
        Assert.Null(secondTime);
        AssertSameDump(before, await DumpAsync(Database));
    }

    [Fact]
    public async Task A_fresh_seed_replaces_the_demo_and_keeps_users_api_keys_and_other_definitions()
    {
        await using (var db = NewContext())
        {
            db.Users.Add(new ApplicationUser { UserName = "anna@example.com", Email = "anna@example.com" });
            db.ApiKeys.Add(new ApiKey { Name = "shop", Prefix = "ca_1234", KeyHash = new string('a', 64), CreatedAt = SeedingDay });
            db.CustomFieldDefinitions.Add(new CustomFieldDefinition { Key = "shoe_size", Label = "Shoe size", Type = CustomFieldType.Number });
            await db.SaveChangesAsync(Ct);
        }
        var seeder = Seeder(Database);
        await seeder.SeedAsync(Small, fresh: false, progress: null, Ct);
        var firstSeed = await DumpAsync(Database);

        var progress = new RecordingProgress();
        await seeder.SeedAsync(Small, fresh: true, progress, Ct);

        AssertSameDump(firstSeed, await DumpAsync(Database));
        await using var check = NewContext();
        Assert.Equal(1, await check.Users.CountAsync(Ct));
        Assert.Equal(1, await check.ApiKeys.CountAsync(Ct));
        Assert.True(await check.CustomFieldDefinitions.AnyAsync(f => f.Key == "shoe_size", Ct));
        // PostgreSQL's VACUUM after the commit is a step of its own (PostgreSqlBulkLoadTests).
        Assert.Equal(["Clearing", "Definitions", "Contacts", "Indexes", "Search index", "Saving", .. TestStore.IsPostgreSql ? ["Tidying up"] : Array.Empty<string>()],
            progress.Stages);
        Assert.Equal(new StageProgress("Contacts", Small.Contacts, Small.Contacts), progress.Reports.Last(r => r.Stage == "Contacts"));
    }

    [Fact]
    public async Task Seeding_reuses_a_definition_an_admin_already_made()
    {
        await using (var db = NewContext())
        {
            // Same key as the demo's Choice field, but free text: the demo must not fill it with its choices.
            db.CustomFieldDefinitions.Add(new CustomFieldDefinition { Key = "loyalty_tier", Label = "Tier", Type = CustomFieldType.Text });
            await db.SaveChangesAsync(Ct);
        }

        await Seeder(Database).SeedAsync(Small, fresh: false, progress: null, Ct);

        await using var check = NewContext();
        var tier = await check.CustomFieldDefinitions.SingleAsync(f => f.Key == "loyalty_tier", Ct);
        Assert.Equal(CustomFieldType.Text, tier.Type);
        Assert.False(await check.CustomFieldValues.AnyAsync(v => v.FieldId == tier.Id, Ct));
        Assert.Equal(6, await check.CustomFieldDefinitions.CountAsync(Ct));   // the demo's six, the admin's one among them
    }

    [Fact]
    public async Task Every_email_status_and_every_blacklist_reason_is_present()
    {
        await SeedSmallAsync();
        await using var db = NewContext();

        var statuses = await db.Contacts.Select(c => c.EmailStatus).Distinct().ToListAsync(Ct);
        var reasons = await db.Contacts.Where(c => c.BlacklistReason != null).Select(c => c.BlacklistReason!.Value).Distinct().ToListAsync(Ct);
        var scopes = await db.BlacklistEntries.Select(b => b.Scope).Distinct().ToListAsync(Ct);

        Assert.Equal(Enum.GetValues<EmailStatus>().Order(), statuses.Order());
        Assert.Equal(Enum.GetValues<BlacklistReason>().Order(), reasons.Order());
        Assert.Equal(Enum.GetValues<BlacklistScope>().Order(), scopes.Order());
    }

    [Fact]
    public async Task Every_contact_s_status_columns_equal_the_fold_over_its_address_s_events()
    {
        await SeedSmallAsync();
        await using var db = NewContext();
        var contacts = await db.Contacts.AsNoTracking().ToListAsync(Ct);
        var events = (await db.EmailEvents.AsNoTracking().ToListAsync(Ct)).ToLookup(e => e.Address);
        var entries = (await db.BlacklistEntries.AsNoTracking().ToListAsync(Ct)).ToLookup(b => b.Address);

        foreach (var contact in contacts)
        {
            if (contact.EmailNormalized is null)
            {
                Assert.Equal((EmailStatus.NoEmail, (DateTime?)null, (string?)null, (BlacklistReason?)null),
                    (contact.EmailStatus, contact.EmailStatusSince, contact.EmailStatusReason, contact.BlacklistReason));
                continue;
            }
            var state = EmailStatusRules.Fold(events[contact.EmailNormalized]);
            Assert.Equal(
                (state.Status, state.Since, state.Reason, state.BlacklistReason, state.BlacklistScope),
                (contact.EmailStatus, contact.EmailStatusSince, contact.EmailStatusReason, contact.BlacklistReason, contact.BlacklistScope));
            // The blacklist rows are the blacklistings of the log, removed ones included.
            Assert.Equal(
                state.Blacklistings.Select(b => (b.Reason, b.Scope, b.AddedAt, b.AddedBy, b.RemovedAt)),
                entries[contact.EmailNormalized].OrderBy(b => b.Id).Select(b => (b.Reason, b.Scope, b.AddedAt, b.AddedBy, b.RemovedAt)));
        }
        Assert.Contains(contacts, c => c.EmailStatusSince is not null);
    }

    [Fact]
    public async Task Email_bounces_unsubscribes_and_complaints_line_up_with_email_activities()
    {
        await SeedSmallAsync();
        await using var db = NewContext();
        var addresses = await db.Contacts.Where(c => c.EmailNormalized != null).ToDictionaryAsync(c => c.Id, c => c.EmailNormalized!, Ct);
        var activities = await db.Activities.AsNoTracking()
            .Where(a => a.Channel == ActivityChannel.Email
                && (a.Status == MessageStatus.Undelivered || a.Status == MessageStatus.Unsubscribed || a.Status == MessageStatus.Spam))
            .ToListAsync(Ct);
        var events = await db.EmailEvents.AsNoTracking()
            .Where(e => e.MessageName != null && (e.Kind == EmailEventKind.SoftBounce || e.Kind == EmailEventKind.HardBounce
                || e.Kind == EmailEventKind.Unsubscribed || e.Kind == EmailEventKind.SpamComplaint))
            .ToListAsync(Ct);

        var fromActivities = activities
            .Select(a => (addresses[a.ContactId], a.OccurredAt, a.Name, Kind: KindOf(a), Code: CodeOf(a)))
            .OrderBy(x => x.Item1).ThenBy(x => x.OccurredAt).ToList();
        var fromEvents = events
            .Select(e => (e.Address, e.OccurredAt, e.MessageName!, e.Kind, Code: e.SmtpCode))
            .OrderBy(x => x.Address).ThenBy(x => x.OccurredAt).ToList();

        Assert.NotEmpty(fromEvents);
        Assert.Equal(fromEvents, fromActivities);
    }

    [Fact]
    public async Task The_known_demo_contacts_exist_with_their_promised_status()
    {
        await SeedSmallAsync();
        await using var db = NewContext();

        foreach (var known in DemoContacts.All.Where(k => k.Email is not null))
        {
            var contact = await db.Contacts.SingleAsync(c => c.EmailNormalized == known.Email, Ct);
            Assert.Equal((known.Status, known.BlacklistReason, known.FirstName, known.LastName),
                (contact.EmailStatus, contact.BlacklistReason, contact.FirstName, contact.LastName));
        }
        var olena = await db.Contacts.Include(c => c.Devices).SingleAsync(c => c.Phone == DemoContacts.KnownPhone, Ct);
        Assert.Equal((DemoContacts.KnownIdsEmail, DemoContacts.KnownExternalId), (olena.Email, olena.ExternalId));
        Assert.Equal([DevicePlatform.iOS, DevicePlatform.Web], olena.Devices.Select(d => d.Platform).Order());
        var withoutEmail = await db.Contacts.SingleAsync(c => c.ExternalId == DemoContacts.NoEmailExternalId, Ct);
        Assert.Equal((EmailStatus.NoEmail, (string?)null), (withoutEmail.EmailStatus, withoutEmail.Email));
        Assert.Equal(DemoContacts.All.Count, await db.Contacts.CountAsync(c => c.EmailNormalized!.EndsWith("@" + DemoContacts.Domain) || c.ExternalId == DemoContacts.NoEmailExternalId, Ct));
    }

    [Fact]
    public async Task Activities_cover_every_channel_and_every_message_status()
    {
        await SeedSmallAsync();
        await using var db = NewContext();

        var channels = await db.Activities.Select(a => a.Channel).Distinct().ToListAsync(Ct);
        var statuses = await db.Activities.Where(a => a.Status != null).Select(a => a.Status!.Value).Distinct().ToListAsync(Ct);
        var eventsWithStatus = await db.Activities.CountAsync(a => (a.Channel == ActivityChannel.App || a.Channel == ActivityChannel.Website) && a.Status != null, Ct);
        var perContact = await db.Activities.GroupBy(a => a.ContactId).Select(g => g.Count()).ToListAsync(Ct);
        var details = await db.Activities.Where(a => a.Details != null).Select(a => a.Details!).Take(2000).ToListAsync(Ct);

        Assert.Equal(Enum.GetValues<ActivityChannel>().Order(), channels.Order());
        Assert.Equal(Enum.GetValues<MessageStatus>().Order(), statuses.Order());
        Assert.Equal(0, eventsWithStatus);
        Assert.Equal(Small.Contacts, perContact.Count);
        Assert.InRange(perContact.Average(), 60, 160);
        Assert.All(details, json => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(json).RootElement.ValueKind));
    }

    [Fact]
    public async Task Some_widget_displays_are_beyond_the_widget_s_frequency()
    {
        await SeedSmallAsync();
        await using var db = NewContext();
        var widgets = await db.Widgets.ToDictionaryAsync(w => w.Id, Ct);
        var olena = await db.Contacts.SingleAsync(c => c.Phone == DemoContacts.KnownPhone, Ct);
        var displays = await db.Activities.AsNoTracking().Where(a => a.Channel == ActivityChannel.WebWidget).ToListAsync(Ct);

        var beyond = displays
            .GroupBy(d => (d.ContactId, WidgetId: d.WidgetId!.Value, Period: PeriodOf(d, widgets[d.WidgetId!.Value].FrequencyPeriod)))
            .Where(g => g.Count() > widgets[g.Key.WidgetId].FrequencyLimit)
            .ToList();

        Assert.All(displays, d => Assert.NotNull(d.SessionId));
        Assert.Equal(Enum.GetValues<WidgetFrequencyPeriod>().Order(), widgets.Values.Select(w => w.FrequencyPeriod).Order());
        Assert.NotEmpty(beyond);
        Assert.Contains(beyond, g => g.Key.ContactId == olena.Id && widgets[g.Key.WidgetId].FrequencyPeriod == WidgetFrequencyPeriod.Lifetime);
    }

    [Fact]
    public async Task Identifiers_and_personal_data_follow_the_spec()
    {
        await SeedSmallAsync();
        await using var db = NewContext();
        var contacts = await db.Contacts.AsNoTracking().ToListAsync(Ct);
        var devices = await db.ContactDevices.AsNoTracking().ToListAsync(Ct);

        var withEmail = contacts.Where(c => c.Email is not null).ToList();
        Assert.All(withEmail, c => Assert.True(c.Email!.Length <= 254 && string.Equals(c.EmailNormalized, c.Email.ToLowerInvariant(), StringComparison.Ordinal) && EmailPattern().IsMatch(c.Email), c.Email));
        Assert.Equal(withEmail.Count, withEmail.Select(c => c.EmailNormalized).Distinct().Count());
        var phones = contacts.Where(c => c.Phone is not null).Select(c => c.Phone!).ToList();
        Assert.All(phones, p => Assert.Matches(@"^\+[1-9]\d{7,14}$", p));
        Assert.Equal(phones.Count, phones.Distinct().Count());
        var names = contacts.SelectMany(c => new[] { c.FirstName, c.LastName }).OfType<string>().ToList();
        Assert.All(names, n => Assert.True(n.Length <= 40 && NamePattern().IsMatch(n), n));
        Assert.All(contacts, c => Assert.Matches("^[A-Z]{2}$", c.Country!));
        Assert.All(contacts, c => Assert.Matches(@"^(Europe|America)/[A-Z][A-Za-z_]+$", c.TimeZone!));
        Assert.All(contacts.Select(c => c.Language!).Distinct(), tag => Assert.Equal(tag, CultureInfo.GetCultureInfo(tag, predefinedOnly: true).Name));
        var tokens = devices.Select(d => d.PushToken).OfType<string>().ToList();
        Assert.Equal(tokens.Count, tokens.Distinct().Count());

        // Some of every kind: without email, without phone, anonymous (only a device).
        Assert.Contains(contacts, c => c.Email is null && c.FirstName is not null);
        Assert.Contains(contacts, c => c.Phone is null && c.Email is not null);
        var anonymous = contacts.Where(c => c.FirstName is null && c.LastName is null && c.Email is null && c.Phone is null).Select(c => c.Id).ToList();
        Assert.NotEmpty(anonymous);
        Assert.All(anonymous, id => Assert.Contains(devices, d => d.ContactId == id));
        Assert.InRange(devices.Select(d => d.ContactId).Distinct().Count(), Small.Contacts / 5, Small.Contacts / 2);
    }

    [Fact]
    public async Task The_card_shows_the_demos_personal_fields_before_its_loyalty_fields()
    {
        await SeedSmallAsync();
        await using var db = NewContext();

        var onTheCard = await ContactsAdmin.Profile.Fields.CustomFieldOrder.ActiveAsync(db, Ct);

        Assert.Equal(["Personal", "Loyalty"], onTheCard.Select(f => f.Group).Distinct());
    }

    [Fact]
    public async Task Custom_fields_and_subscriptions_are_defined_and_filled_in()
    {
        await SeedSmallAsync();
        await using var db = NewContext();
        var fields = await db.CustomFieldDefinitions.AsNoTracking().ToListAsync(Ct);
        var values = await db.CustomFieldValues.AsNoTracking().ToListAsync(Ct);
        var categories = await db.SubscriptionCategories.AsNoTracking().ToListAsync(Ct);
        var subscriptions = await db.ContactSubscriptions.AsNoTracking().ToListAsync(Ct);

        Assert.Equal(Enum.GetValues<CustomFieldType>().Order(), fields.Select(f => f.Type).Order());
        var tier = fields.Single(f => f.Key == "loyalty_tier");
        Assert.Equal(["bronze", "silver", "gold", "platinum"], tier.Options);
        Assert.All(values.Where(v => v.FieldId == tier.Id), v => Assert.Contains(v.TextValue, tier.Options));
        Assert.All(fields, f => Assert.Contains(values, v => v.FieldId == f.Id));
        Assert.True(values.Select(v => v.ContactId).Distinct().Count() > Small.Contacts / 2, "most contacts have custom field values");
        Assert.Equal(["Newsletter", "Promotions", "Product updates", "Events"], categories.OrderBy(c => c.SortOrder).Select(c => c.Name));
        Assert.Contains(subscriptions, s => s.IsSubscribed);
        Assert.Contains(subscriptions, s => !s.IsSubscribed);
    }

    [Fact]
    public async Task Last_edit_is_no_earlier_than_any_subscription_order_device_or_email_action_of_the_contact()
    {
        await SeedSmallAsync();
        await using var db = NewContext();
        var lastEdits = await db.Contacts.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.LastEditAt, Ct);
        var orderField = await db.CustomFieldDefinitions.SingleAsync(f => f.Key == "last_order_date", Ct);

        var changes = (await db.ContactSubscriptions.AsNoTracking().Select(s => new { s.ContactId, At = s.Since }).ToListAsync(Ct))
            .Concat(await db.ContactDevices.AsNoTracking().Select(d => new { d.ContactId, At = d.FirstSeenAt }).ToListAsync(Ct))
            .Concat(await db.EmailEvents.AsNoTracking().Where(e => e.Actor != null && e.ContactId != null)
                .Select(e => new { ContactId = e.ContactId!.Value, At = e.OccurredAt }).ToListAsync(Ct));
        var later = changes.Where(c => c.At > lastEdits[c.ContactId]).ToList();
        var orders = await db.CustomFieldValues.AsNoTracking().Where(v => v.FieldId == orderField.Id).ToListAsync(Ct);

        Assert.Empty(later);
        Assert.DoesNotContain(orders, o => o.DateValue > DateOnly.FromDateTime(lastEdits[o.ContactId]));
        Assert.NotEmpty(orders);
    }

    [Fact]
    public async Task Every_date_lies_before_the_seeding_day()
    {
        await SeedSmallAsync();
        await using var db = NewContext();

        Assert.False(await db.Contacts.AnyAsync(c => c.CreatedAt >= SeedingDay || c.LastEditAt >= SeedingDay || c.LastEditAt < c.CreatedAt, Ct));
        Assert.False(await db.Activities.AnyAsync(a => a.OccurredAt >= SeedingDay, Ct));
        Assert.False(await db.EmailEvents.AnyAsync(e => e.OccurredAt >= SeedingDay, Ct));
        Assert.False(await db.ContactDevices.AnyAsync(d => d.LastSeenAt >= SeedingDay || d.FirstSeenAt > d.LastSeenAt, Ct));
        Assert.False(await db.ContactSubscriptions.AnyAsync(s => s.Since >= SeedingDay, Ct));
    }

    [Fact]
    public async Task Activities_per_contact_sets_about_how_many_each_contact_gets()
    {

        await Seeder(Database).SeedAsync(DemoDataOptions.Default with { Contacts = 40, ActivitiesPerContact = 10 }, fresh: false, progress: null, Ct);

        await using var db = NewContext();
        var perContact = await db.Activities.GroupBy(a => a.ContactId).Select(g => g.Count()).ToListAsync(Ct);
        Assert.Equal(40, await db.Contacts.CountAsync(Ct));
        Assert.InRange(perContact.Average(), 8, 16);
    }

    private static DemoDataSeeder Seeder(TestDatabase database, DateTimeOffset? now = null) =>
        new(database.Factory, database.Services.GetRequiredService<StoreEngine>(), new FakeTimeProvider(now ?? SeedingMorning));

    private Task<SeedSummary> SeedSmallAsync() => Seeder(Database).SeedAsync(Small, fresh: false, progress: null, Ct);

    private static EmailEventKind KindOf(Activity activity) => activity.Status switch
    {
        MessageStatus.Unsubscribed => EmailEventKind.Unsubscribed,
        MessageStatus.Spam => EmailEventKind.SpamComplaint,
        _ => JsonDocument.Parse(activity.Details!).RootElement.GetProperty("bounceType").GetString() == "hard"
            ? EmailEventKind.HardBounce
            : EmailEventKind.SoftBounce,
    };

    private static string? CodeOf(Activity activity) =>
        activity.Status == MessageStatus.Undelivered ? JsonDocument.Parse(activity.Details!).RootElement.GetProperty("smtpCode").GetString() : null;

    private static string PeriodOf(Activity display, WidgetFrequencyPeriod period) => period switch
    {
        WidgetFrequencyPeriod.Session => display.SessionId!,
        WidgetFrequencyPeriod.Day => display.OccurredAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        WidgetFrequencyPeriod.Week => $"{ISOWeek.GetYear(display.OccurredAt)}-W{ISOWeek.GetWeekOfYear(display.OccurredAt)}",
        _ => "lifetime",
    };

    // Every table the seeder writes, in primary-key order, each row as text: equal dumps mean equal data, ids included.
    private static readonly Dictionary<string, string> SeededTables = new()
    {
        ["Contacts"] = "Id", ["ContactDevices"] = "Id", ["CustomFieldDefinitions"] = "Id", ["CustomFieldValues"] = "ContactId, FieldId",
        ["SubscriptionCategories"] = "Id", ["ContactSubscriptions"] = "ContactId, CategoryId", ["EmailEvents"] = "Id",
        ["BlacklistEntries"] = "Id", ["Activities"] = "Id", ["Widgets"] = "Id", ["AuditEntries"] = "Id",
    };

    private static async Task<Dictionary<string, List<string>>> DumpAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync(Ct);
        var connection = db.Database.GetDbConnection();
        var dump = new Dictionary<string, List<string>>();
        foreach (var (table, key) in SeededTables)
        {
            await using var command = connection.CreateCommand();
            // Names quoted, as both engines read them.
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {string.Join(", ", key.Split(", ").Select(column => $"\"{column}\""))}";
            await using var reader = await command.ExecuteReaderAsync(Ct);
            var rows = new List<string>();
            while (await reader.ReadAsync(Ct))
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            dump[table] = rows;
        }
        return dump;
    }

    private static void AssertSameDump(Dictionary<string, List<string>> expected, Dictionary<string, List<string>> actual)
    {
        foreach (var (table, rows) in expected)
        {
            var other = actual[table];
            var firstDifference = rows.Zip(other).Select((pair, row) => (pair, row)).FirstOrDefault(x => x.pair.First != x.pair.Second);
            Assert.True(rows.Count == other.Count && firstDifference.pair == default,
                $"{table} differs: {rows.Count} vs {other.Count} rows; first difference at row {firstDifference.row}:\n{firstDifference.pair.First}\n{firstDifference.pair.Second}");
        }
        Assert.NotEmpty(expected["Activities"]);
    }

    [GeneratedRegex(@"^[\p{L}\p{M}]+(?:['’ -][\p{L}\p{M}]+)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$")]
    private static partial Regex EmailPattern();
}
