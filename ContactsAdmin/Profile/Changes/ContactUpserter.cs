using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Profile.Merging;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Profile.Changes;

/// <summary>What one contact write did.</summary>
public abstract record UpsertOutcome
{
    public sealed record Written(long ContactId, bool Created, IReadOnlyList<MergeSummary> Merged) : UpsertOutcome;

    /// <summary>The identifiers name different people; nothing was written.</summary>
    public sealed record Refused(Resolution.Conflict Conflict) : UpsertOutcome;
}

/// <summary>
/// The circumstances of a write: who writes, the source (a new contact's source of creation, and what
/// subscriptions record), when, and the definitions.
/// </summary>
/// <param name="Suppressions">The key of erased contacts' suppression hashes: a new address is checked against them.</param>
public sealed record WriteContext(ChangeActor Actor, ContactSource Source, DateTime Now, IngestLookups Lookups, EmailStatusRuleOptions EmailRules,
    SuppressionHasher Suppressions);

/// <summary>
/// Creates or updates one contact from a validated change set, in the caller's context and transaction:
/// resolves the identity, merges anonymous device contacts, writes only the fields that differ (with an
/// audit entry each, "last edit" and a version bump, as the card's editor does), re-derives the email
/// status when the email changes, and stores devices and subscriptions.
/// </summary>
public static class ContactUpserter
{
    public static async Task<UpsertOutcome> WriteAsync(AppDbContext db, ContactChangeSet set, WriteContext context, CancellationToken ct)
    {
        var resolution = await IdentityResolver.ResolveAsync(db, set.Identifiers, ct);
        if (resolution is Resolution.Conflict conflict) return new UpsertOutcome.Refused(conflict);
        var merged = new List<MergeSummary>();
        Contact contact;
        if (resolution is Resolution.Found found)
        {
            foreach (var anonymousId in found.AnonymousToMerge)
                merged.Add(await ContactMerger.MergeAsync(db, anonymousId, found.ContactId, MergeChoices.KeepSurvivor,
                    new MergeContext(context.Actor, context.Now, context.Lookups.Profile, context.EmailRules), ct));
            contact = await LoadAsync(db, found.ContactId, set, ct);
        }
        else
        {
            contact = New(context);
            db.Contacts.Add(contact);
        }
        var created = resolution is Resolution.NotFound;
        if (set.Trust == WriteTrust.Anonymous)
            set = set with { Fields = await WithoutOthersIdentifiersAsync(db, set.Fields, created ? null : contact.Id, ct) };

        var change = await ChangeAsync(db, contact, set, context,
            changed => ContactChanges.RefreshEmailStatusAsync(db, changed, context.EmailRules, new SuppressionLookup(db, context.Suppressions), ct));
        var audit = Finish(contact, created, change, context);
        if (created)
        {
            audit = [(CreationAudit.Field, null, new CreationAudit(audit).Text())];
            await db.SaveChangesAsync(ct);   // the new contact's id, for its audit entry
        }
        foreach (var (field, from, to) in audit)
            db.AuditEntries.Add(ContactChanges.Audit(contact.Id, context.Now, context.Actor.Name, context.Actor.Source, field, from, to));
        await db.SaveChangesAsync(ct);
        return new UpsertOutcome.Written(contact.Id, created, merged);
    }

    /// <summary>A contact the write creates, before its fields are put on it.</summary>
    public static Contact New(WriteContext context) => new()
    {
        Source = context.Source, CreatedAt = context.Now, LastEditAt = context.Now, LastEditBy = context.Actor.Name, EmailStatus = EmailStatus.NoEmail,
    };

    /// <summary>What <see cref="ChangeAsync"/> did: the profile fields that changed and an audit line per change.</summary>
    public sealed record Changes(IReadOnlyList<FieldKey> ChangedKeys, List<(string Field, string? From, string? To)> Audit);

    /// <summary>
    /// Puts the change set on the contact (new, or loaded with the collections the set touches): the fields that
    /// differ (for a <see cref="ContactChangeSet.FillsOnly"/> write, only those still empty), the email status
    /// re-derived by <paramref name="refreshEmailStatus"/> when the email changed, devices and subscriptions. The caller
    /// then calls <see cref="Finish"/>.
    /// </summary>
    public static async Task<Changes> ChangeAsync(AppDbContext db, Contact contact, ContactChangeSet set, WriteContext context, Func<Contact, Task> refreshEmailStatus)
    {
        var audit = new List<(string Field, string? From, string? To)>();
        var changedKeys = WriteFields(db, contact, set, context.Lookups, audit);
        if (changedKeys.Contains(ProfileFields.Email)) await refreshEmailStatus(contact);
        WriteDevices(contact, set.Devices, context.Now, audit);
        WriteSubscriptions(contact, set, context, audit);
        return new Changes(changedKeys, audit);
    }

    /// <summary>
    /// An anonymous write's identifier fields that another contact holds are left out: it may not take them from
    /// that contact, and refusing would tell the caller the other contact exists.
    /// </summary>
    private static async Task<IReadOnlyDictionary<FieldKey, string?>> WithoutOthersIdentifiersAsync(AppDbContext db,
        IReadOnlyDictionary<FieldKey, string?> fields, long? contactId, CancellationToken ct)
    {
        var holders = await IdentityResolver.HoldersAsync(db, fields.GetValueOrDefault(ProfileFields.ExternalId),
            fields.GetValueOrDefault(ProfileFields.Email), fields.GetValueOrDefault(ProfileFields.Phone), ct);
        var taken = holders.Where(h => h.ContactId != contactId).Select(h => (FieldKey)h.Kind.Field()).ToHashSet();
        return taken.Count == 0 ? fields : fields.Where(f => !taken.Contains(f.Key)).ToDictionary();
    }

    /// <summary>
    /// "Last edit" and the version after a change, and its audit lines: a new contact's begin with its creation, and
    /// are stored as one entry (<see cref="CreationAudit"/>).
    /// </summary>
    public static List<(string Field, string? From, string? To)> Finish(Contact contact, bool created, Changes change, WriteContext context)
    {
        var audit = change.Audit;
        if (created)
        {
            audit.Insert(0, (CreationAudit.Field, null, $"Created (source {context.Source})"));
        }
        else if (audit.Count > 0)
        {
            contact.LastEditAt = context.Now;
            contact.LastEditBy = context.Actor.Name;
            // Only the profile form's fields bump the card's concurrency token (as subscriptions do not there).
            if (change.ChangedKeys.Count > 0) contact.Version++;
        }
        return audit;
    }

    /// <summary>The contact with only the collections the write touches: most writes need none, and each is a query.</summary>
    private static async Task<Contact> LoadAsync(AppDbContext db, long id, ContactChangeSet set, CancellationToken ct)
    {
        var contact = await db.Contacts.SingleAsync(c => c.Id == id, ct);
        if (set.Fields.Keys.Any(key => key.IsCustom))
            await db.Entry(contact).Collection(c => c.CustomFieldValues).LoadAsync(ct);
        if (set.Devices.Count > 0)
            await db.Entry(contact).Collection(c => c.Devices).LoadAsync(ct);
        if (set.SubscribeTo.Count > 0)
            await db.Entry(contact).Collection(c => c.Subscriptions).LoadAsync(ct);
        return contact;
    }

    private static List<FieldKey> WriteFields(AppDbContext db, Contact contact, ContactChangeSet set,
        IngestLookups lookups, List<(string, string?, string?)> audit)
    {
        var definitions = lookups.Fields;
        var current = ContactChanges.Current(contact, lookups.Profile, definitions);
        var changed = new List<FieldKey>();
        foreach (var (key, value) in set.Fields)
        {
            var before = current.GetValueOrDefault(key);
            if (FieldText.Same(before, value)) continue;
            if (set.FillsOnly && !FieldText.Same(before, null)) continue;   // filled already: only a trusted write replaces it
            ContactChanges.Apply(db, contact, key, value, definitions);
            var change = ContactChanges.Describe(key, before, value, definitions);
            audit.Add((change.Label, change.From, change.To));
            changed.Add(key);
        }
        return changed;
    }

    private static void WriteDevices(Contact contact, IReadOnlyList<DeviceUpsert> devices, DateTime now, List<(string, string?, string?)> audit)
    {
        foreach (var device in devices)
        {
            // The resolver made sure a known device id or push token is this contact's (or was merged into it).
            var row = contact.Devices.FirstOrDefault(d => device.DeviceId.Length > 0 && d.DeviceId == device.DeviceId)
                ?? contact.Devices.FirstOrDefault(d => device.PushToken is not null && d.PushToken == device.PushToken);
            if (row is null)
            {
                row = new ContactDevice { DeviceId = device.DeviceId, Platform = device.Platform, FirstSeenAt = now };
                contact.Devices.Add(row);
                audit.Add(("Device", null, $"{device.Platform} {device.DeviceModel}".Trim()));
            }
            else if (device.PushToken is not null && row.PushToken != device.PushToken)
            {
                audit.Add(("Push token", Shorten(row.PushToken), Shorten(device.PushToken)));
            }
            if (device.DeviceId.Length > 0) row.DeviceId = device.DeviceId;   // found by its push token: the app was reinstalled
            row.Platform = device.Platform;
            row.PushToken = device.PushToken ?? row.PushToken;
            row.AppId = device.AppId ?? row.AppId;
            row.AppVersion = device.AppVersion ?? row.AppVersion;
            row.Os = device.Os ?? row.Os ?? device.Platform.ToString();
            row.DeviceModel = device.DeviceModel ?? row.DeviceModel;
            row.Locale = device.Locale ?? row.Locale;
            row.IsActive = device.Active ?? true;
            row.LastSeenAt = now;
        }
    }

    private static void WriteSubscriptions(Contact contact, ContactChangeSet set, WriteContext context, List<(string, string?, string?)> audit)
    {
        if (set.SubscribeTo.Count == 0) return;
        if (set.Trust == WriteTrust.Anonymous && contact.EmailStatus is EmailStatus.Unsubscribed or EmailStatus.ReportedSpam or EmailStatus.Blacklisted)
        {
            // Whoever filled in the form may not be the address's owner: only the contact's own consent, recorded by a
            // Marketer on the card, brings back an address that unsubscribed or complained, and nothing lifts a blacklisting.
            audit.Add(("Subscription request", null, $"Not applied: the address is {EmailStatusLabel.Of(contact.EmailStatus).ToLowerInvariant()}"));
            return;
        }
        foreach (var categoryId in set.SubscribeTo.Distinct())
        {
            var subscription = contact.Subscriptions.FirstOrDefault(s => s.CategoryId == categoryId);
            if (subscription?.IsSubscribed == true) continue;
            var before = subscription is null ? "Not subscribed" : "Unsubscribed";
            if (subscription is null)
            {
                subscription = new ContactSubscription { CategoryId = categoryId };
                contact.Subscriptions.Add(subscription);
            }
            subscription.IsSubscribed = true;
            subscription.Since = context.Now;
            subscription.Source = context.Source;
            audit.Add(($"Subscription: {context.Lookups.Categories[categoryId].Name}", before, "Subscribed"));
        }
    }

    private static string? Shorten(string? token) => token is { Length: > 16 } t ? $"{t[..8]}…{t[^6..]}" : token;
}
