using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.EmailStatuses;

/// <summary>Who recorded a manual email event, for the audit trail.</summary>
public sealed record EmailEventActor(string Name, ChangeSource Source);

/// <summary>
/// Appends an event to an address's email log and, in the same transaction, brings everything derived
/// from the log up to date: the blacklist entries of the address and the status columns of the contact
/// that has it. The columns therefore always equal <see cref="EmailStatusRules.Fold"/> over the log.
/// </summary>
public sealed class EmailStatusRecorder(IDbContextFactory<AppDbContext> dbFactory, EmailStatusRuleOptions rules)
{
    /// <summary>Records one event in a transaction of its own.</summary>
    public async Task<EmailStatusState> RecordAsync(EmailEvent emailEvent, EmailEventActor? actor = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var state = await RecordAsync(db, emailEvent, actor, ct);
        await transaction.CommitAsync(ct);
        return state;
    }

    /// <summary>
    /// Records one event in the caller's context and transaction (e.g. together with the activity that
    /// reported it), saving as it goes; the caller commits.
    /// </summary>
    public async Task<EmailStatusState> RecordAsync(AppDbContext db, EmailEvent emailEvent, EmailEventActor? actor, CancellationToken ct)
    {
        emailEvent.Address = EmailRule.Key(emailEvent.Address);
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.EmailNormalized == emailEvent.Address, ct);
        emailEvent.ContactId ??= contact?.Id;
        db.EmailEvents.Add(emailEvent);
        await db.SaveChangesAsync(ct);   // the event gets its id, which orders events of the same instant

        var log = await db.EmailEvents.AsNoTracking().Where(e => e.Address == emailEvent.Address).ToListAsync(ct);
        var state = EmailStatusRules.Fold(log, rules);
        await SyncBlacklistAsync(db, emailEvent.Address, state, ct);

        if (contact is not null)
        {
            var before = contact.EmailStatus;
            state.ApplyTo(contact);
            if (actor is not null && before != contact.EmailStatus)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    ContactId = contact.Id, OccurredAt = emailEvent.OccurredAt, Actor = actor.Name, Source = actor.Source,
                    Field = "Email status", OldValue = before.ToString(), NewValue = contact.EmailStatus.ToString(),
                });
            }
            if (actor is not null)
            {
                contact.LastEditAt = emailEvent.OccurredAt;
                contact.LastEditBy = actor.Name;
            }
        }
        await db.SaveChangesAsync(ct);
        return state;
    }

    /// <summary>
    /// The blacklist rows of an address mirror the blacklistings the fold found: a new one is added, and each
    /// row takes its blacklisting's removal (or its absence). An event that arrives late (it happened before
    /// events already recorded) can change which blacklistings the log holds; rows the fold no longer finds
    /// were derived from part of the log and are deleted. The log itself is never changed, so the history stays.
    /// </summary>
    private static async Task SyncBlacklistAsync(AppDbContext db, string address, EmailStatusState state, CancellationToken ct)
    {
        var unmatched = await db.BlacklistEntries.Where(b => b.Address == address).ToListAsync(ct);
        foreach (var blacklisting in state.Blacklistings)
        {
            var row = unmatched.FirstOrDefault(r => r.AddedAt == blacklisting.AddedAt && r.Reason == blacklisting.Reason && r.Scope == blacklisting.Scope);
            if (row is null)
            {
                db.BlacklistEntries.Add(blacklisting.ToEntry(address));
                continue;
            }
            unmatched.Remove(row);
            (row.RemovedAt, row.RemovedBy, row.RemovalNote) = (blacklisting.RemovedAt, blacklisting.RemovedBy, blacklisting.RemovalNote);
        }
        db.BlacklistEntries.RemoveRange(unmatched);
    }
}
