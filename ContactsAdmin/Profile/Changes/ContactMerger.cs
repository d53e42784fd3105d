using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Profile.Changes;

/// <summary>What a merge moved, as its audit entry says it.</summary>
public sealed record MergeSummary(long FromId, int Devices, int Activities, int Subscriptions);

/// <summary>
/// Merges an anonymous contact (known only by its devices) into the identified contact it turned out to
/// be: its devices, activities, subscriptions, custom field values, email events and change history move
/// over, the anonymous contact is deleted and the identified one gets an audit entry. Runs in the caller's
/// transaction, so a refused write leaves both contacts as they were.
/// </summary>
public static class ContactMerger
{
    public static async Task<MergeSummary> MergeAsync(AppDbContext db, long fromId, long intoId, ChangeActor actor, DateTime now, CancellationToken ct)
    {
        var devices = await db.ContactDevices.Where(d => d.ContactId == fromId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ContactId, intoId), ct);
        var activities = await db.Activities.Where(a => a.ContactId == fromId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ContactId, intoId), ct);
        await db.EmailEvents.Where(e => e.ContactId == fromId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ContactId, intoId), ct);
        await db.AuditEntries.Where(a => a.ContactId == fromId).ExecuteUpdateAsync(s => s.SetProperty(a => a.ContactId, intoId), ct);
        var subscriptions = await MoveSubscriptionsAsync(db, fromId, intoId, ct);

        // Field values the identified contact lacks move; where both have one, the identified contact's stays.
        var intoFields = db.CustomFieldValues.Where(v => v.ContactId == intoId).Select(v => v.FieldId);
        await db.CustomFieldValues.Where(v => v.ContactId == fromId && !intoFields.Contains(v.FieldId))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ContactId, intoId), ct);

        await db.Contacts.Where(c => c.Id == fromId).ExecuteDeleteAsync(ct);
        // The merge is an edit of the identified contact: "last edit" names it, as its audit entry does.
        await db.Contacts.Where(c => c.Id == intoId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastEditAt, now).SetProperty(c => c.LastEditBy, actor.Name), ct);

        var summary = new MergeSummary(fromId, devices, activities, subscriptions);
        db.AuditEntries.Add(ContactChanges.Audit(intoId, now, actor.Name, actor.Source, "Merged contact",
            $"Anonymous contact #{fromId}",
            $"Moved here: {devices} device(s), {activities} activity(ies), {subscriptions} subscription(s)"));
        await db.SaveChangesAsync(ct);
        return summary;
    }

    /// <summary>
    /// Categories only the anonymous contact has move over. Where both have one, the state that began later
    /// is the contact's latest choice and is kept on the identified contact.
    /// </summary>
    private static async Task<int> MoveSubscriptionsAsync(AppDbContext db, long fromId, long intoId, CancellationToken ct)
    {
        var from = await db.ContactSubscriptions.AsNoTracking().Where(s => s.ContactId == fromId).ToListAsync(ct);
        var into = await db.ContactSubscriptions.AsNoTracking().Where(s => s.ContactId == intoId).ToDictionaryAsync(s => s.CategoryId, ct);
        foreach (var subscription in from)
        {
            if (!into.TryGetValue(subscription.CategoryId, out var existing))
            {
                await db.ContactSubscriptions.Where(s => s.ContactId == fromId && s.CategoryId == subscription.CategoryId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ContactId, intoId), ct);
                continue;
            }
            if (subscription.Since > existing.Since)
            {
                await db.ContactSubscriptions.Where(s => s.ContactId == intoId && s.CategoryId == subscription.CategoryId)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(x => x.IsSubscribed, subscription.IsSubscribed)
                        .SetProperty(x => x.Since, subscription.Since)
                        .SetProperty(x => x.Source, subscription.Source), ct);
            }
        }
        return from.Count;
    }
}
