using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Profile.Identity;

/// <summary>The steps of the matching order, first to last.</summary>
public enum IdentifierKind { ExternalId, Email, Phone, Device }

/// <summary>
/// The identifiers one write names a person by, already normalized by the shared rules (email as entered
/// after <see cref="EmailRule.Check"/>, phone in E.164). Devices are named by device id or push token.
/// </summary>
public sealed record ContactIdentifiers(
    string? ExternalId = null,
    string? Email = null,
    string? Phone = null,
    IReadOnlyList<string>? DeviceIds = null,
    IReadOnlyList<string>? PushTokens = null)
{
    public IReadOnlyList<string> DeviceIdList => DeviceIds ?? [];
    public IReadOnlyList<string> PushTokenList => PushTokens ?? [];

    public bool IsEmpty => ExternalId is null && Email is null && Phone is null && DeviceIdList.Count == 0 && PushTokenList.Count == 0;
}

/// <summary>One identifier of a write that an existing contact already has.</summary>
public sealed record IdentifierMatch(IdentifierKind Kind, string Value, long ContactId, string ContactName, string? ContactExternalId, bool IsAnonymous);

/// <summary>Which existing contact a write is about.</summary>
public abstract record Resolution
{
    /// <summary>No existing contact has any of the identifiers: the write creates one.</summary>
    public sealed record NotFound : Resolution;

    /// <summary>
    /// The contact the write updates, the step that found it, and the anonymous contacts (known only by a
    /// device) that the write shows to be the same person and that are merged into it.
    /// </summary>
    public sealed record Found(long ContactId, IdentifierKind MatchedBy, IReadOnlyList<long> AnonymousToMerge) : Resolution;

    /// <summary>The identifiers point to different people; the write is refused and nothing is written.</summary>
    public sealed record Conflict(string Detail, IReadOnlyList<IdentifierMatch> Contacts) : Resolution;
}

/// <summary>
/// Finds the contact a write is about, the same way on every write path (API, forms, events, devices, and
/// the card's identifier check): External ID, then email, then phone, then device. Two identifiers held by
/// two different contacts are a conflict, except that a contact known only by a device (anonymous) is the
/// same person as the identified one and is merged into it.
/// </summary>
public static class IdentityResolver
{
    public static async Task<Resolution> ResolveAsync(AppDbContext db, ContactIdentifiers identifiers, CancellationToken ct)
    {
        var personal = await HoldersAsync(db, identifiers.ExternalId, identifiers.Email, identifiers.Phone, ct);
        var devices = await DeviceHoldersAsync(db, identifiers, ct);
        return Decide(identifiers, personal, devices);
    }

    /// <summary>
    /// The matching rules on the contacts found: <paramref name="personal"/> holds the holders of the External ID, email
    /// and phone in that order, <paramref name="devices"/> those of the device ids, then of the push tokens. Pure, so
    /// a write that found the holders in memory (<see cref="IdentityIndex"/>) decides exactly as one that queried.
    /// </summary>
    public static Resolution Decide(ContactIdentifiers identifiers, IReadOnlyList<IdentifierMatch> personal, IReadOnlyList<IdentifierMatch> devices)
    {
        var primary = personal.Count > 0 ? personal[0] : null;
        if (primary is not null && personal.FirstOrDefault(m => m.ContactId != primary.ContactId) is { } other)
            return TwoPeople(primary, other);

        var identifiedDevices = devices.Where(d => !d.IsAnonymous).DistinctBy(d => d.ContactId).ToList();
        var anonymousDevices = devices.Where(d => d.IsAnonymous).DistinctBy(d => d.ContactId).ToList();
        if (primary is null)
        {
            if (identifiedDevices.Count > 1) return TwoPeople(identifiedDevices[0], identifiedDevices[1]);
            primary = identifiedDevices.FirstOrDefault() ?? anonymousDevices.FirstOrDefault();
            if (primary is null) return new Resolution.NotFound();
        }
        else if (identifiedDevices.FirstOrDefault(d => d.ContactId != primary.ContactId) is { } otherDevice)
        {
            return TwoPeople(primary, otherDevice);
        }

        // The External ID is the customer's own user id: a contact found by a later step that already has
        // another External ID is somebody else, and the write must not rename them.
        if (identifiers.ExternalId is { } externalId && primary.Kind != IdentifierKind.ExternalId
            && primary.ContactExternalId is { } theirs && theirs != externalId)
        {
            return new Resolution.Conflict(
                $"{Describe(primary)} has External ID '{theirs}', not '{externalId}'. Send that contact's External ID, or leave out the {Label(primary.Kind)}.",
                [primary]);
        }

        var merge = anonymousDevices.Where(d => d.ContactId != primary.ContactId).Select(d => d.ContactId).ToList();
        return new Resolution.Found(primary.ContactId, primary.Kind, merge);
    }

    /// <summary>The contacts holding the External ID, email and phone, in matching order (one per identifier at most).</summary>
    public static async Task<IReadOnlyList<IdentifierMatch>> HoldersAsync(AppDbContext db, string? externalId, string? email, string? phone, CancellationToken ct)
    {
        var key = email is null ? null : EmailRule.Key(email);
        if (externalId is null && key is null && phone is null) return [];
        // One query through the store's look-up for the three; each identifier has one holder at most.
        var holders = await StoreEngine.Of(db).Identifiers.Holding(db, ListOf(externalId), ListOf(key), ListOf(phone))
            .AsNoTracking().Select(Projection).ToListAsync(ct);
        var matches = new List<IdentifierMatch>();
        if (externalId is not null && holders.FirstOrDefault(h => h.ExternalId == externalId) is { } byExternalId)
            matches.Add(Match(IdentifierKind.ExternalId, externalId, byExternalId));
        if (key is not null && holders.FirstOrDefault(h => h.EmailNormalized == key) is { } byEmail)
            matches.Add(Match(IdentifierKind.Email, email!, byEmail));
        if (phone is not null && holders.FirstOrDefault(h => h.Phone == phone) is { } byPhone)
            matches.Add(Match(IdentifierKind.Phone, phone, byPhone));
        return matches;
    }

    private static List<string> ListOf(string? value) => value is null ? [] : [value];

    private static async Task<IReadOnlyList<IdentifierMatch>> DeviceHoldersAsync(AppDbContext db, ContactIdentifiers identifiers, CancellationToken ct)
    {
        var deviceIds = identifiers.DeviceIdList.Where(id => id.Length > 0).ToList();
        var tokens = identifiers.PushTokenList.Where(t => t.Length > 0).ToList();
        if (deviceIds.Count == 0 && tokens.Count == 0) return [];

        var rows = await StoreEngine.Of(db).Identifiers.DevicesNamed(db, deviceIds, tokens).AsNoTracking()
            .Select(d => new { d.ContactId, d.DeviceId, d.PushToken })
            .ToListAsync(ct);
        if (rows.Count == 0) return [];
        var contactIds = rows.Select(r => r.ContactId).Distinct().ToList();
        var holders = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id)).Select(Projection).ToDictionaryAsync(h => h.Id, ct);

        // Device ids first, in the order the write named them, then push tokens.
        var ordered = deviceIds.SelectMany(id => rows.Where(r => r.DeviceId == id).Select(r => (r.ContactId, Value: id)))
            .Concat(tokens.SelectMany(t => rows.Where(r => r.PushToken == t).Select(r => (r.ContactId, Value: ShortToken(t)))));
        return [.. ordered.Select(r => Match(IdentifierKind.Device, r.Value, holders[r.ContactId]))];
    }

    private sealed record ContactHolder(long Id, string? ExternalId, string? EmailNormalized, string? Phone, string? FirstName, string? LastName, string? Email);

    private static readonly System.Linq.Expressions.Expression<Func<Contact, ContactHolder>> Projection =
        c => new ContactHolder(c.Id, c.ExternalId, c.EmailNormalized, c.Phone, c.FirstName, c.LastName, c.Email);

    private static IdentifierMatch Match(IdentifierKind kind, string value, ContactHolder holder) =>
        Match(kind, value, holder.Id, holder.ExternalId, holder.EmailNormalized, holder.Phone, holder.FirstName, holder.LastName, holder.Email);

    /// <summary>An identifier's holder as the rules and the conflict messages see it (anonymous: known only by a device).</summary>
    public static IdentifierMatch Match(IdentifierKind kind, string value, long contactId, string? externalId, string? emailNormalized,
        string? phone, string? firstName, string? lastName, string? email) => new(
        kind, value, contactId, ContactNames.Display(firstName, lastName, email, contactId), externalId,
        IsAnonymous: externalId is null && emailNormalized is null && phone is null);

    private static Resolution.Conflict TwoPeople(IdentifierMatch first, IdentifierMatch second) => new(
        $"The {Label(first.Kind)} '{first.Value}' belongs to {Describe(first)} and the {Label(second.Kind)} '{second.Value}' belongs to {Describe(second)}. Nothing was written.",
        [first, second]);

    private static string Describe(IdentifierMatch match) => $"{match.ContactName} (contact #{match.ContactId})";

    public static string Label(IdentifierKind kind) => kind switch
    {
        IdentifierKind.ExternalId => "External ID",
        IdentifierKind.Email => "email",
        IdentifierKind.Phone => "phone",
        _ => "device",
    };

    public static string ShortToken(string token) => token.Length > 16 ? $"{token[..8]}…{token[^6..]}" : token;
}
