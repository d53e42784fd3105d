using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.EmailStatuses;

/// <summary>What a recompute found: contacts looked at, and those whose stored status differed from their log.</summary>
public sealed record RecomputeResult(int Checked, int Changed);

/// <summary>
/// Rebuilds every contact's status columns from the email logs. Normally nothing changes; a change means
/// the columns had drifted from the rules (a bug, a manual database edit, or new thresholds in configuration).
/// </summary>
public sealed class EmailStatusRecompute(IDbContextFactory<AppDbContext> dbFactory, EmailStatusRuleOptions rules)
{
    private const int BatchSize = 2000;

    public async Task<RecomputeResult> RunAsync(IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var total = await db.Contacts.CountAsync(ct);
        var (done, changed, lastId) = (0, 0, 0L);

        while (true)
        {
            // Keyset batches keep memory flat on large stores; each batch is one transaction.
            var batch = await db.Contacts.Where(c => c.Id > lastId).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            lastId = batch[^1].Id;

            var addresses = batch.Where(c => c.EmailNormalized != null).Select(c => c.EmailNormalized!).ToList();
            var logs = (await db.EmailEvents.AsNoTracking().Where(e => addresses.Contains(e.Address)).ToListAsync(ct))
                .ToLookup(e => e.Address);

            foreach (var contact in batch)
            {
                var before = (contact.EmailStatus, contact.EmailStatusSince, contact.EmailStatusReason, contact.BlacklistReason, contact.BlacklistScope);
                if (contact.EmailNormalized is { } address)
                    EmailStatusRules.Fold(logs[address], rules).ApplyTo(contact);
                else
                    (contact.EmailStatus, contact.EmailStatusSince, contact.EmailStatusReason, contact.BlacklistReason, contact.BlacklistScope)
                        = (EmailStatus.NoEmail, null, null, null, null);

                if (before == (contact.EmailStatus, contact.EmailStatusSince, contact.EmailStatusReason, contact.BlacklistReason, contact.BlacklistScope))
                    continue;
                db.Entry(contact).State = EntityState.Modified;
                changed++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += batch.Count;
            progress?.Report((done, total));
        }
        return new RecomputeResult(done, changed);
    }
}
