using ContactsAdmin.Data;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Tests.Features.Segments;

/// <summary>
/// A small store of hand-picked contacts, seeded once for a class: each condition's interesting edges (a birthday
/// today and tomorrow, a message just inside and just outside 30 days, a widget click that is not a message click,
/// Cyrillic names, a value on a boundary) sit on one contact or another. Times are relative to <see cref="Now"/>, the
/// moment of seeding, so the grid (which reads the system clock) sees the same days a few seconds later.
/// </summary>
public sealed class SegmentSample : IAsyncLifetime
{
    public DateTime Now { get; } = DateTime.UtcNow;
    public DateOnly Today => DateOnly.FromDateTime(Now);

    public TestDatabase Database { get; private set; } = null!;

    public CustomFieldDefinition Note { get; private set; } = null!;
    public CustomFieldDefinition LifetimeValue { get; private set; } = null!;
    public CustomFieldDefinition Renewal { get; private set; } = null!;
    public CustomFieldDefinition Vip { get; private set; } = null!;
    public CustomFieldDefinition Tier { get; private set; } = null!;
    public CustomFieldDefinition Interests { get; private set; } = null!;
    public CustomFieldDefinition Archived { get; private set; } = null!;
    public SubscriptionCategory Newsletter { get; private set; } = null!;
    public SubscriptionCategory Offers { get; private set; } = null!;
    public SubscriptionCategory OldCategory { get; private set; } = null!;
    public Widget Banner { get; private set; } = null!;
    public Widget Popup { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var store = new StoreBuilder(Database);
        Note = await store.FieldAsync("crm_note", CustomFieldType.Text);
        LifetimeValue = await store.FieldAsync("lifetime_value", CustomFieldType.Number);
        Renewal = await store.FieldAsync("renewal", CustomFieldType.Date);
        Vip = await store.FieldAsync("vip", CustomFieldType.Boolean);
        Tier = await store.FieldAsync("tier", CustomFieldType.Choice, "Gold", "Silver", "Bronze");
        Interests = await store.FieldAsync("interests", CustomFieldType.MultiChoice, "sport", "travel", "art", "smart home");
        Archived = await store.FieldAsync("old_score", CustomFieldType.Number);
        Newsletter = await store.CategoryAsync("Newsletter");
        Offers = await store.CategoryAsync("Offers");
        OldCategory = await store.CategoryAsync("Old news");
        Banner = await store.WidgetAsync(WidgetFrequencyPeriod.Day, 3, "Banner");
        Popup = await store.WidgetAsync(WidgetFrequencyPeriod.Day, 3, "Popup");

        var olena = await store.ContactAsync(c =>
        {
            (c.FirstName, c.LastName, c.Email, c.Phone, c.ExternalId) = ("Олена", "Koval", "olena@example.com", "+380501234567", "crm-1");
            (c.Country, c.City, c.Gender, c.BirthDate, c.Source) = ("UA", "Kyiv", Gender.Female, Today.AddYears(-30), ContactSource.Import);
            (c.CreatedAt, c.LastEditAt) = (Utc(2025, 3, 10, 12), Now.AddDays(-2));
        });
        await Values(olena, (Note, "VIP customer"), (LifetimeValue, "1500"), (Renewal, Day(-5)), (Vip, "true"), (Tier, "Gold"), (Interests, "sport\nart"),
            (Archived, "7"));
        await store.SubscribeAsync(olena, Newsletter);
        await store.SubscribeAsync(olena, OldCategory);
        await Device(olena, "token-olena");
        await store.ActivitiesAsync(olena,
            Message(ActivityChannel.Email, "Spring sale", MessageStatus.Delivered, -10), Message(ActivityChannel.Email, "Spring sale", MessageStatus.Read, -9),
            Message(ActivityChannel.Email, "Spring sale", MessageStatus.Clicked, -9),
            Event(ActivityChannel.App, "AddToCart", -5), Event(ActivityChannel.App, "AddToCart", -4), Event(ActivityChannel.Website, "AddToCart", -3),
            Display(Banner, null, -3));

        var bob = await store.ContactAsync(c =>
        {
            (c.FirstName, c.LastName, c.Email, c.Country, c.City) = ("Bob", "Olenko", "Bob@example.org", "PL", "Kraków");
            (c.Gender, c.BirthDate, c.EmailStatus) = (Gender.Male, Today.AddYears(-30).AddDays(1), EmailStatus.Unsubscribed);
            (c.CreatedAt, c.LastEditAt, c.Source) = (Utc(2025, 3, 9, 23, 59), Now.AddDays(-12), ContactSource.Import);
        });
        await Values(bob, (Note, "customer"), (LifetimeValue, "1000"), (Vip, "false"), (Tier, "Silver"), (Interests, "smart home"), (Renewal, Day(-10)));
        await store.SubscribeAsync(bob, Newsletter, subscribed: false);
        await store.SubscribeAsync(bob, Offers);
        await store.ActivitiesAsync(bob,
            Message(ActivityChannel.Sms, "Spring sale", MessageStatus.Delivered, -10),
            Display(Banner, MessageStatus.Clicked, -3),   // a widget click: not a message click
            Event(ActivityChannel.App, "AddToCart", -5), Event(ActivityChannel.App, "AddToCart", -40));

        var nameless = await store.ContactAsync(c =>
        {
            (c.Phone, c.Source, c.CreatedAt, c.LastEditAt) = ("+48123456789", ContactSource.Api, Utc(2025, 3, 11), Now.AddDays(-31));
        });
        await Values(nameless, (LifetimeValue, "999.5"), (Renewal, Day(-40)), (Tier, "Bronze"));
        await store.ActivitiesAsync(nameless,
            Message(ActivityChannel.Email, "Autumn news", MessageStatus.Delivered, -40), Message(ActivityChannel.Email, "Autumn news", MessageStatus.Read, -39),
            Message(ActivityChannel.MobilePush, "Spring sale", MessageStatus.Delivered, -20), Message(ActivityChannel.MobilePush, "Spring sale", MessageStatus.Read, -19),
            Event(ActivityChannel.Website, "PageView", -1), Event(ActivityChannel.Website, "PageView", -2), Event(ActivityChannel.Website, "PageView", -3),
            Event(ActivityChannel.Website, "PageView", -4), Event(ActivityChannel.Website, "PageView", -5));

        var dee = await store.ContactAsync(c =>
        {
            (c.FirstName, c.Email, c.EmailStatus, c.Country, c.City, c.ExternalId) = ("Dee", "dee@example.com", EmailStatus.Blacklisted, "UA", "Kyivska", "CRM-2");
            (c.BirthDate, c.Gender, c.CreatedAt, c.LastEditAt, c.Source) = (new DateOnly(1990, 1, 1), Gender.Other, Now.AddDays(-1), Now.AddDays(-40), ContactSource.Manual);
        });
        await Values(dee, (Interests, "travel"), (Vip, "true"), (Renewal, Day(3)));
        await Device(dee, null);
        await store.ActivitiesAsync(dee,
            Message(ActivityChannel.Email, "Winter promo", MessageStatus.Delivered, -5), Message(ActivityChannel.Email, "Winter promo", MessageStatus.Clicked, -4),
            Display(Popup, null, -40));

        var blank = await store.ContactAsync(c => c.CreatedAt = c.LastEditAt = Now.AddDays(-100));
        await store.SubscribeAsync(blank, OldCategory);

        var fay = await store.ContactAsync(c =>
        {
            (c.FirstName, c.Email, c.Country, c.BirthDate, c.Gender) = ("Fay", "fay@example.com", "GB", Today.AddYears(-31).AddDays(1), Gender.Female);
            (c.CreatedAt, c.LastEditAt) = (Now.AddDays(-6), Now.AddDays(-6));
        });
        await Values(fay, (Note, "vip lead"), (LifetimeValue, "2500"), (Tier, "gold"));
        await store.SubscribeAsync(fay, Newsletter);
        await store.ActivitiesAsync(fay,
            Message(ActivityChannel.Email, "Spring sale", MessageStatus.Delivered, -30, hours: 1),   // just inside 30 days
            Message(ActivityChannel.Email, "Spring sale", MessageStatus.Read, -30, hours: -1),       // just outside
            Event(ActivityChannel.App, "AddToCart", -1), Event(ActivityChannel.App, "AddToCart", -1, hours: 2),
            Display(Popup, MessageStatus.Clicked, -1));

        var gus = await store.ContactAsync(c =>
        {
            (c.FirstName, c.ExternalId, c.BirthDate, c.Email, c.EmailStatus) = ("Gus", "gus", Today.AddYears(-31), "gus@example.net", EmailStatus.Active);
            c.Source = ContactSource.Order;
        });
        await Device(gus, "token-gus");
        await store.ActivitiesAsync(gus,
            Message(ActivityChannel.Email, "Spring sale", MessageStatus.Delivered, -31), Message(ActivityChannel.Email, "Spring sale", MessageStatus.Read, -2),
            Message(ActivityChannel.AppInbox, "Autumn news", MessageStatus.Delivered, -3));

        await using var db = Database.NewContext();
        await db.CustomFieldDefinitions.Where(f => f.Id == Archived.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.ArchivedAt, Now));
        await db.SubscriptionCategories.Where(c => c.Id == OldCategory.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ArchivedAt, Now));
        return;

        Task Values(Contact contact, params (CustomFieldDefinition Field, string Value)[] values) =>
            values.Aggregate(Task.CompletedTask, async (previous, v) => { await previous; await store.ValueAsync(contact, v.Field, v.Value); });
    }

    private string Day(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private Activity Message(ActivityChannel channel, string name, MessageStatus status, int days, int hours = 0) =>
        new() { Channel = channel, Name = name, Status = status, OccurredAt = Now.AddDays(days).AddHours(hours) };

    private Activity Event(ActivityChannel channel, string name, int days, int hours = 0) =>
        new() { Channel = channel, Name = name, OccurredAt = Now.AddDays(days).AddHours(hours) };

    private Activity Display(Widget widget, MessageStatus? status, int days) =>
        new() { Channel = ActivityChannel.WebWidget, Name = widget.Name, WidgetId = widget.Id, Status = status, OccurredAt = Now.AddDays(days) };

    private async Task Device(Contact contact, string? token)
    {
        await using var db = Database.NewContext();
        db.ContactDevices.Add(new ContactDevice
        {
            ContactId = contact.Id, Platform = DevicePlatform.Android, DeviceId = $"device-{contact.Id}", PushToken = token, FirstSeenAt = Now, LastSeenAt = Now,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Every contact with what conditions read, in memory: the reference's input.</summary>
    public async Task<IReadOnlyList<LoadedContact>> LoadAllAsync(CancellationToken ct)
    {
        await using var db = Database.NewContext();
        var contacts = await db.Contacts.AsNoTracking().Include(c => c.Devices).Include(c => c.CustomFieldValues).Include(c => c.Subscriptions)
            .ToListAsync(ct);
        var activities = (await db.Activities.AsNoTracking().ToListAsync(ct)).ToLookup(a => a.ContactId);
        var fields = await db.CustomFieldDefinitions.AsNoTracking().ToListAsync(ct);
        var categories = await db.SubscriptionCategories.AsNoTracking().ToListAsync(ct);
        return [.. contacts.Select(c => new LoadedContact(c, [.. activities[c.Id]], fields, categories))];
    }

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}

/// <summary>A contact with its devices, values, subscriptions and activities, and the definitions they refer to.</summary>
public sealed record LoadedContact(
    Contact Contact, IReadOnlyList<Activity> Activities, IReadOnlyList<CustomFieldDefinition> Fields, IReadOnlyList<SubscriptionCategory> Categories);
