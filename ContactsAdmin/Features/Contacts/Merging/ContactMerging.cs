using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Merging;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Merging;

/// <summary>What a merge or an undo asked by a user did.</summary>
public abstract record MergeOutcome
{
    public sealed record Done(long SurvivorId, long MergedAwayId) : MergeOutcome;

    public sealed record Refused(string Reason) : MergeOutcome;
}

/// <summary>A merge of the contact, as its card lists it.</summary>
public sealed record MergeListItem(long RecordId, long SurvivorId, long MergedAwayId, string MergedAwayName, DateTime MergedAt, string MergedBy,
    DateTime UndoUntil, DateTime? UndoneAt, string? UndoneBy, string? UndoBlocker);

/// <summary>
/// A user's merges, from the duplicates page and the card: the preview, the merge (the Profile core's
/// <see cref="ContactMerger"/>, in one transaction), the contact's merges and their undo. Marketers and Admins
/// (policy CanEdit), checked here on the server.
/// </summary>
public sealed class ContactMerging(
    IDbContextFactory<AppDbContext> dbFactory, IAuthorizationService authorization, ProfileFieldTable table, EmailStatusRuleOptions emailRules, TimeProvider clock)
{
    public const string NotAllowed = "Only Marketers and Admins merge contacts.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The preview of merging <paramref name="mergedAwayId"/> into <paramref name="survivorId"/>; null when either is gone.</summary>
    public async Task<MergePreview?> PreviewAsync(long survivorId, long mergedAwayId, CancellationToken ct = default)
    {
        if (survivorId == mergedAwayId) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contacts = await db.Contacts.AsNoTracking().Include(c => c.CustomFieldValues).Include(c => c.Subscriptions)
            .Where(c => c.Id == survivorId || c.Id == mergedAwayId).ToListAsync(ct);
        if (contacts.Find(c => c.Id == survivorId) is not { } survivor || contacts.Find(c => c.Id == mergedAwayId) is not { } mergedAway) return null;
        var definitions = await db.CustomFieldDefinitions.AsNoTracking().Where(d => d.ArchivedAt == null).ToListAsync(ct);
        return new MergePreview(Party(survivor), Party(mergedAway),
            MergePlan.Differences(survivor, mergedAway, table, definitions),
            await db.ContactDevices.CountAsync(d => d.ContactId == mergedAwayId, ct),
            await db.Activities.CountAsync(a => a.ContactId == mergedAwayId, ct),
            await db.EmailEvents.CountAsync(e => e.ContactId == mergedAwayId, ct),
            mergedAway.Subscriptions.Count);
    }

    public async Task<MergeOutcome> MergeAsync(ClaimsPrincipal user, long survivorId, long mergedAwayId, MergeChoices choices, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return new MergeOutcome.Refused(NotAllowed);
        if (survivorId == mergedAwayId) return new MergeOutcome.Refused("A contact cannot be merged with itself.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var found = await db.Contacts.CountAsync(c => c.Id == survivorId || c.Id == mergedAwayId, ct);
        if (found < 2) return new MergeOutcome.Refused("One of the two contacts no longer exists (deleted or merged meanwhile).");
        var actor = new ChangeActor(SettingsAudit.ActorOf(user), ChangeSource.User);
        await ContactMerger.MergeAsync(db, mergedAwayId, survivorId, choices, new MergeContext(actor, Now, table, emailRules), ct);
        await transaction.CommitAsync(ct);
        return new MergeOutcome.Done(survivorId, mergedAwayId);
    }

    /// <summary>The merges into contact <paramref name="contactId"/> whose record is kept (the undo period), newest first.</summary>
    public async Task<IReadOnlyList<MergeListItem>> MergesIntoAsync(long contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var records = await db.ContactMergeRecords.AsNoTracking().Where(r => r.SurvivorId == contactId)
            .OrderByDescending(r => r.MergedAt).ThenByDescending(r => r.Id).ToListAsync(ct);
        var items = new List<MergeListItem>();
        foreach (var record in records)
        {
            var before = MergeSnapshot.FromJson(record.Snapshot).MergedAway;
            var name = ContactNames.Display(before.Text(nameof(Contact.FirstName)), before.Text(nameof(Contact.LastName)),
                before.Text(nameof(Contact.Email)), record.MergedAwayId);
            items.Add(new MergeListItem(record.Id, record.SurvivorId, record.MergedAwayId, name, record.MergedAt, record.MergedBy,
                record.UndoUntil, record.UndoneAt, record.UndoneBy, await MergeUndo.BlockerAsync(db, record, Now, ct)));
        }
        return items;
    }

    public async Task<MergeOutcome> UndoAsync(ClaimsPrincipal user, long recordId, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return new MergeOutcome.Refused(NotAllowed);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await MergeUndo.UndoAsync(db, recordId, SettingsAudit.ActorOf(user), Now, emailRules, ct);
        if (outcome is UndoOutcome.Refused refused) return new MergeOutcome.Refused(refused.Reason);
        await transaction.CommitAsync(ct);
        var undone = (UndoOutcome.Undone)outcome;
        return new MergeOutcome.Done(undone.SurvivorId, undone.MergedAwayId);
    }

    private static MergeParty Party(Contact c) =>
        new(c.Id, ContactNames.Display(c.FirstName, c.LastName, c.Email, c.Id), c.Email, c.Phone, c.ExternalId, c.LastEditAt);
}
