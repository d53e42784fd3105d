using ContactsAdmin.Data;
using ContactsAdmin.Features.EmailStatuses;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>
/// Unsubscribes a batch of contacts' addresses or adds them to the local blacklist. Each is an email event recorded
/// through <see cref="EmailStatusRecorder"/>, exactly as the card's actions record one, so the contact's status is
/// refolded from its address's log and the blacklist rows follow it; the recorder writes the audit entry. Contacts
/// without an address, or already in the state asked for, are counted with the reason and left alone.
/// </summary>
public sealed class EmailStatusBulkWriter(EmailStatusRecorder recorder)
{
    /// <summary>Writes the batch in the caller's transaction; returns its outcomes (<see cref="BulkOutcomes"/>).</summary>
    public async Task<Dictionary<string, long>> WriteAsync(AppDbContext db, BulkBatch batch, CancellationToken ct)
    {
        var ids = batch.Ids;
        var blacklist = batch.Parameters.Action == BulkAction.Blacklist;
        var contacts = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.EmailNormalized, c.EmailStatus }).ToListAsync(ct);
        var addresses = contacts.Where(c => c.EmailNormalized != null).Select(c => c.EmailNormalized!).ToList();
        // The card's rule: an address with an active entry is already on the blacklist, whatever its status shows.
        var listed = blacklist
            ? (await db.BlacklistEntries.AsNoTracking().Where(b => addresses.Contains(b.Address) && b.RemovedAt == null)
                .Select(b => b.Address).Distinct().ToListAsync(ct)).ToHashSet()
            : [];

        var (changed, noEmail, already) = (0, 0, 0);
        var actor = new EmailEventActor(batch.Actor, ChangeSource.User);
        foreach (var contact in contacts)
        {
            if (contact.EmailNormalized is not { } address)
            {
                noEmail++;
                continue;
            }
            if (blacklist ? listed.Contains(address) : contact.EmailStatus == EmailStatus.Unsubscribed)
            {
                already++;
                continue;
            }
            await recorder.RecordAsync(db, Event(batch, address), actor, ct);
            // The recorder saves as it goes; forgetting what it tracked keeps each contact's save as cheap as the first.
            db.ChangeTracker.Clear();
            changed++;
        }
        return BulkOutcomes.Of((BulkOutcomes.Changed, changed), (BulkOutcomes.NoEmailAddress, noEmail),
            (blacklist ? BulkOutcomes.AlreadyBlacklisted : BulkOutcomes.AlreadyUnsubscribed, already),
            (BulkOutcomes.AlreadyDeleted, ids.Count - contacts.Count));
    }

    /// <summary>The event the card's action records (EmailStatusActions), noted with the bulk job.</summary>
    private static EmailEvent Event(BulkBatch batch, string address)
    {
        var emailEvent = new EmailEvent
        {
            Address = address, OccurredAt = batch.Now, Actor = batch.Actor, Note = BulkAudit.Note(batch.Parameters.Action, batch.JobId),
        };
        if (batch.Parameters.Action == BulkAction.Blacklist)
            (emailEvent.Kind, emailEvent.BlacklistReason, emailEvent.BlacklistScope) = (EmailEventKind.BlacklistAdded, BlacklistReason.Manual, BlacklistScope.Local);
        else
            (emailEvent.Kind, emailEvent.UnsubscribeReason) = (EmailEventKind.Unsubscribed, UnsubscribeReason.ByUserOnRequest);
        return emailEvent;
    }
}
