using System.Globalization;
using System.Text.Json.Serialization;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// A contact as GET /api/v1/contacts answers it: the payload's shape plus what the store adds. The contact's own
/// fields sit at their API paths (<see cref="ProfileField.ApiPath"/>: "firstName", "address.town"), from the table.
/// </summary>
public sealed record ContactView(
    long Id,
    ContactSource Source,
    DateTime CreatedAt,
    DateTime LastEditAt,
    string? LastEditBy,
    ContactEmailStatusView? EmailStatus,
    IReadOnlyList<ContactDeviceView> Devices,
    IReadOnlyList<ContactFieldView> Fields,
    IReadOnlyList<ContactSubscriptionView> Subscriptions)
{
    /// <summary>The profile fields by API path; a nested path ("address.town") is a nested object.</summary>
    [JsonExtensionData]
    public Dictionary<string, object?> ProfileValues { get; init; } = [];
}

public sealed record ContactEmailStatusView(EmailStatus Status, DateTime? Since, string? Reason);
public sealed record ContactDeviceView(DevicePlatform Platform, string DeviceId, string? PushToken, string? AppId, string? AppVersion,
    string? Os, string? DeviceModel, string? Locale, DateTime FirstSeenAt, DateTime LastSeenAt, bool Active);
/// <param name="Value">A string, number, YYYY-MM-DD date or boolean, by the field's type; a list of strings for a multi-choice field.</param>
public sealed record ContactFieldView(string Id, object? Value);
public sealed record ContactSubscriptionView(string Category, bool Subscribed, DateTime Since, ContactSource Source);

/// <summary>Reads contacts for the API: by id, by ids (a page of <see cref="ContactListing"/>), or by one identifier.</summary>
public sealed class ContactApiQueries(IDbContextFactory<AppDbContext> dbFactory, ProfileFieldTable profileFields)
{
    public async Task<ContactView?> ByIdAsync(long id, CancellationToken ct) => await FindAsync(c => c.Id == id, ct);

    public Task<ContactView?> ByExternalIdAsync(string externalId, CancellationToken ct) => ByIdentifierAsync(ContactIdentifier.ExternalId, externalId, ct);

    public Task<ContactView?> ByEmailAsync(string email, CancellationToken ct) => ByIdentifierAsync(ContactIdentifier.Email, EmailRule.Key(email), ct);

    public Task<ContactView?> ByPhoneAsync(string phone, CancellationToken ct) => ByIdentifierAsync(ContactIdentifier.Phone, phone, ct);

    /// <summary>The identifier's holder found through the store's look-up, then read by its id.</summary>
    private async Task<ContactView?> ByIdentifierAsync(ContactIdentifier kind, string value, CancellationToken ct)
    {
        long? id;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            id = await StoreEngine.Of(db).Identifiers.Holding(db, kind, value).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        return id is { } found ? await ByIdAsync(found, ct) : null;
    }

    /// <summary>The contacts with these ids, in the order of <paramref name="ids"/> (one that vanished meanwhile is left out).</summary>
    public async Task<IReadOnlyList<ContactView>> ByIdsAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contacts = await Loaded(db).Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return [.. ids.Where(contacts.ContainsKey).Select(id => View(contacts[id]))];
    }

    private static IQueryable<Contact> Loaded(AppDbContext db) => db.Contacts.AsNoTracking()
        .Include(c => c.Devices)
        .Include(c => c.CustomFieldValues).ThenInclude(v => v.Field)
        .Include(c => c.Subscriptions).ThenInclude(s => s.Category)
        .AsSplitQuery();

    private async Task<ContactView?> FindAsync(System.Linq.Expressions.Expression<Func<Contact, bool>> match, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await Loaded(db).SingleOrDefaultAsync(match, ct);
        return contact is null ? null : View(contact);
    }

    private ContactView View(Contact c) => new(
        c.Id, c.Source, Utc(c.CreatedAt), Utc(c.LastEditAt), c.LastEditBy,
        c.EmailNormalized is null ? null : new ContactEmailStatusView(c.EmailStatus, c.EmailStatusSince is { } since ? Utc(since) : null, c.EmailStatusReason),
        [.. c.Devices.OrderBy(d => d.FirstSeenAt).Select(d => new ContactDeviceView(d.Platform, d.DeviceId, d.PushToken, d.AppId, d.AppVersion,
            d.Os, d.DeviceModel, d.Locale, Utc(d.FirstSeenAt), Utc(d.LastSeenAt), d.IsActive))],
        // An archived field is hidden until it is restored: the API shows what the card shows.
        [.. c.CustomFieldValues.Where(v => v.Field!.ArchivedAt is null).OrderBy(v => v.Field!.Key)
            .Select(v => new ContactFieldView(v.Field!.Key, FieldValue(v)))],
        [.. c.Subscriptions.OrderBy(s => s.Category!.Key).Select(s => new ContactSubscriptionView(s.Category!.Key, s.IsSubscribed, Utc(s.Since), s.Source))])
    {
        ProfileValues = ProfileValuesOf(c),
    };

    /// <summary>
    /// Each field's value at its path; an empty field is left out (as the API leaves out every null), while a nested
    /// object is always there, so "address" reads {} for a contact without one.
    /// </summary>
    private Dictionary<string, object?> ProfileValuesOf(Contact c)
    {
        var values = new Dictionary<string, object?>();
        foreach (var field in profileFields.Fields)
        {
            var value = field.ApiValue is { } apiValue ? apiValue(c) : field.Read(c);
            var parts = field.ApiPath.Split('.');
            var target = values;
            foreach (var parent in parts[..^1])
            {
                if (target.GetValueOrDefault(parent) is not Dictionary<string, object?> nested) target[parent] = nested = [];
                target = nested;
            }
            if (value is not null) target[parts[^1]] = value;
        }
        return values;
    }

    // The store keeps UTC without a kind; say so, so JSON carries the Z.
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static object? FieldValue(CustomFieldValue v) =>
        v.Field!.Type == CustomFieldType.MultiChoice ? MultiChoiceValue.Decode(v.TextValue)
        : (object?)v.TextValue ?? (object?)v.NumberValue ?? (object?)v.DateValue?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? v.BoolValue;
}
