using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Erasing;

/// <summary>What an erase kept: which identifiers' hashes hold a suppression, and with which status (none for a mailable address).</summary>
public sealed record ErasureOutcome(long ContactId, EmailStatus? SuppressedStatus, int SuppressedIdentifiers);

/// <summary>
/// Erases a contact for a data-protection request, in one transaction: everything personal goes (the contact with its
/// devices, custom field values, subscriptions, activities with their details, change history, duplicate pairs and
/// merge records by cascade; the merge records whose snapshot holds it as the merged-away contact; its address's email
/// events and blacklist entries; settings-audit values that name it), and what keeps the person unmailable stays, as a
/// one-way hash (<see cref="SuppressionHasher"/>) of the email and the phone with the email status.
/// <para>
/// "Unsubscribe state" here is the address's email status: Unsubscribed, ReportedSpam or Blacklisted (with its
/// reason, scope and date) is kept; an Active address keeps nothing, as the person could be mailed before. Category
/// unsubscriptions are not kept: a returning person starts with no subscriptions at all, and a new subscription is
/// new consent. A contact without an email keeps nothing either (a phone has no email status of its own).
/// </para>
/// The settings audit (area Contact) records that an erase happened, by whom and when, naming only the contact id.
/// </summary>
public sealed class ContactErasure(IDbContextFactory<AppDbContext> dbFactory, StoreEngine engine, IAuthorizationService authorization, SuppressionHasher hasher,
    EmailStatusRuleOptions emailRules, TimeProvider clock)
{
    public const string Erased = "Erased";
    private const string Redacted = "[erased]";

    /// <summary>
    /// The contact one identifier names (exactly one given; the email normalized, the phone in E.164), or null: the erase
    /// API's look-up, through the store's identifier look-up, as the resolver finds contacts.
    /// </summary>
    public async Task<long?> FindAsync(long? id, string? externalId, string? emailNormalized, string? phone, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = id is { } wanted ? db.Contacts.Where(c => c.Id == wanted)
            : externalId is not null ? engine.Identifiers.Holding(db, ContactIdentifier.ExternalId, externalId)
            : emailNormalized is not null ? engine.Identifiers.Holding(db, ContactIdentifier.Email, emailNormalized)
            : engine.Identifiers.Holding(db, ContactIdentifier.Phone, phone!);
        return await query.Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>Erases for a signed-in user, after asking the registered policy (Admins: the same as deleting).</summary>
    public async Task<ErasureOutcome?> EraseAsync(ClaimsPrincipal user, long contactId, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanDeleteContacts))
            throw new UnauthorizedAccessException("Only Admins erase contacts.");
        return await EraseAsync(contactId, SettingsAudit.ActorOf(user), ct);
    }

    /// <summary>Erases contact <paramref name="contactId"/> as <paramref name="actor"/>; null when there is no such contact.</summary>
    public async Task<ErasureOutcome?> EraseAsync(long contactId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Deleted rows' bytes are overwritten in the file, not only unlinked, where the engine can.
        return await engine.RunScrubbingDeletesAsync(db, () => EraseAsync(db, contactId, actor, ct), ct);
    }

    private async Task<ErasureOutcome?> EraseAsync(AppDbContext db, long contactId, string actor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;

        // Addresses that hold the person's history: the current one, and earlier ones its events still name (unless another contact holds one now).
        var addresses = await db.EmailEvents.Where(e => e.ContactId == contactId).Select(e => e.Address).Distinct().ToListAsync(ct);
        if (contact.EmailNormalized is { } current) addresses.Add(current);
        addresses = addresses.Distinct().ToList();
        var heldByOthers = await engine.Identifiers.Holding(db, [], addresses, []).Where(c => c.Id != contactId)
            .Select(c => c.EmailNormalized!).ToListAsync(ct);
        addresses = addresses.Except(heldByOthers).ToList();

        var kept = await KeepSuppressionAsync(db, contact, now, ct);

        await db.EmailEvents.Where(e => addresses.Contains(e.Address)).ExecuteDeleteAsync(ct);
        await db.BlacklistEntries.Where(b => addresses.Contains(b.Address)).ExecuteDeleteAsync(ct);
        await db.ContactMergeRecords.Where(m => m.MergedAwayId == contactId).ExecuteDeleteAsync(ct);
        // Devices, values, subscriptions, activities, history, pairs, merges by cascade; the look-up rows name the person too.
        await engine.Identifiers.DeleteContactAsync(db, contactId, ct);
        await RedactSettingsAuditAsync(db, contactId, [contact.Email, contact.EmailNormalized, contact.Phone, contact.ExternalId,
            ContactNames.Display(contact.FirstName, contact.LastName, null, contactId), contact.FirstName, contact.LastName], ct);

        SettingsAudit.Record(db, actor, SettingsArea.Contact, $"Contact #{contactId}", Erased, before: null,
            after: new { Suppression = kept.SuppressedStatus?.ToString() ?? "none", Identifiers = kept.SuppressedIdentifiers }, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return kept;
    }

    /// <summary>Stores (or strengthens) the hashed suppression of the email and the phone when the address is not mailable.</summary>
    private async Task<ErasureOutcome> KeepSuppressionAsync(AppDbContext db, Contact contact, DateTime now, CancellationToken ct)
    {
        if (contact.EmailNormalized is not { } address || contact.EmailStatus is not (EmailStatus.Unsubscribed or EmailStatus.ReportedSpam or EmailStatus.Blacklisted))
            return new ErasureOutcome(contact.Id, null, 0);
        var log = await db.EmailEvents.AsNoTracking().Where(e => e.Address == address).ToListAsync(ct);
        var state = EmailStatusRules.Fold(log, emailRules);
        var unsubscribe = log.Where(e => e.Kind == EmailEventKind.Unsubscribed).OrderByDescending(e => e.OccurredAt).FirstOrDefault();
        var identifiers = new List<(SuppressedIdentifier Kind, string Hash)> { (SuppressedIdentifier.Email, hasher.Hash(SuppressedIdentifier.Email, address)) };
        if (contact.Phone is { } phone) identifiers.Add((SuppressedIdentifier.Phone, hasher.Hash(SuppressedIdentifier.Phone, phone)));
        foreach (var (kind, hash) in identifiers)
        {
            var row = await db.ErasedSuppressions.SingleOrDefaultAsync(s => s.Kind == kind && s.Hash == hash, ct);
            if (row is not null && EmailStatusRules.Strength(row.EmailStatus) > EmailStatusRules.Strength(state.Status)) continue;
            if (row is null) db.ErasedSuppressions.Add(row = new ErasedSuppression { Kind = kind, Hash = hash });
            row.EmailStatus = state.Status;
            row.StatusSince = state.Since ?? contact.EmailStatusSince;
            row.UnsubscribeReason = state.Status == EmailStatus.Unsubscribed ? unsubscribe?.UnsubscribeReason : null;
            row.BlacklistReason = state.BlacklistReason;
            row.BlacklistScope = state.BlacklistScope;
            row.ErasedAt = now;
        }
        return new ErasureOutcome(contact.Id, state.Status, identifiers.Count);
    }

    /// <summary>
    /// Settings-audit entries about the contact (its id as subject: e.g. an earlier delete attempt, bulk or merge entries)
    /// and any contact or export entry whose text names one of its values keep the entry but lose those values.
    /// </summary>
    private static async Task RedactSettingsAuditAsync(AppDbContext db, long contactId, IEnumerable<string?> values, CancellationToken ct)
    {
        var subject = $"Contact #{contactId}";
        var named = values.OfType<string>().Where(v => v.Length >= 2).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(v => v.Length).ToList();
        var rows = new Dictionary<long, SettingsChange>();
        foreach (var row in await db.SettingsChanges.Where(s => s.Subject == subject).ToListAsync(ct)) rows[row.Id] = row;
        foreach (var value in named)
        {
            // A query per value, on the areas that name contacts (the contact's own entries, exports' filters): the log is small.
            var naming = await db.SettingsChanges
                .Where(s => s.Area == SettingsArea.Contact || s.Area == SettingsArea.Export)
                .Where(s => s.Subject.Contains(value) || s.Before!.Contains(value) || s.After!.Contains(value))
                .ToListAsync(ct);
            foreach (var row in naming) rows.TryAdd(row.Id, row);
        }
        foreach (var row in rows.Values)
        {
            if (row.Subject == subject) (row.Before, row.After) = (null, null);
            foreach (var value in named)
            {
                var redactedSubject = Redact(row.Subject, value)!;
                row.Subject = redactedSubject.Length > SettingsChange.SubjectMaxLength ? redactedSubject[..SettingsChange.SubjectMaxLength] : redactedSubject;
                row.Before = Redact(row.Before, value);
                row.After = Redact(row.After, value);
            }
        }
    }

    private static string? Redact(string? text, string value) =>
        text is not null && text.Contains(value, StringComparison.OrdinalIgnoreCase) ? text.Replace(value, Redacted, StringComparison.OrdinalIgnoreCase) : text;
}
