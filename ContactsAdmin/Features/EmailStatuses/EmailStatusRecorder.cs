using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Validation;
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
        var contact = await StoreEngine.Of(db).Identifiers.Holding(db, ContactIdentifier.Email, emailEvent.Address).SingleOrDefaultAsync(ct);
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
            if (actor is not null)
            {
                // Someone acted on the contact, so it is an edit even when the status stays (e.g. one of two blacklist
                // entries removed): "last edit" and the change history say so together.
                var changed = before != contact.EmailStatus;
                db.AuditEntries.Add(new AuditEntry
                {
                    ContactId = contact.Id, OccurredAt = emailEvent.OccurredAt, Actor = actor.Name, Source = actor.Source,
                    Field = changed ? "Email status" : "Email event", OldValue = changed ? before.ToString() : null,
                    NewValue = changed ? contact.EmailStatus.ToString() : emailEvent.Kind.ToString(),
                });
                contact.LastEditAt = emailEvent.OccurredAt;
                contact.LastEditBy = actor.Name;
            }
        }
        await db.SaveChangesAsync(ct);
        return state;
    }

    /// <summary>
    /// The blacklist rows of an address mirror the blacklistings the fold finds, removed ones included, so a
    /// removal keeps its history. An event that arrives late (with an earlier time) can change that history,
    /// e.g. an older blacklisting makes a newer one redundant; the rows then follow the fold, which is the truth.
    /// </summary>
    private static async Task SyncBlacklistAsync(AppDbContext db, string address, EmailStatusState state, CancellationToken ct)
    {
        var rows = await db.BlacklistEntries.Where(b => b.Address == address).ToListAsync(ct);
        var kept = new HashSet<BlacklistEntry>();
        foreach (var blacklisting in state.Blacklistings)
        {
            var row = rows.FirstOrDefault(r => !kept.Contains(r) && r.AddedAt == blacklisting.AddedAt && r.Reason == blacklisting.Reason && r.Scope == blacklisting.Scope);
            if (row is null)
            {
                db.BlacklistEntries.Add(blacklisting.ToEntry(address));
                continue;
            }
            kept.Add(row);
            (row.RemovedAt, row.RemovedBy, row.RemovalNote) = (blacklisting.RemovedAt, blacklisting.RemovedBy, blacklisting.RemovalNote);
        }
        db.BlacklistEntries.RemoveRange(rows.Where(r => !kept.Contains(r)));
    }
}
