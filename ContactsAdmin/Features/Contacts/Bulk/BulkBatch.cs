using ContactsAdmin.Data;

namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>One batch of a bulk job: the contacts' ids (in order), who signs the writes, and when they happen.</summary>
public sealed record BulkBatch(IReadOnlyList<long> Ids, BulkJobParameters Parameters, long JobId, string StartedBy, DateTime Now)
{
    /// <summary>The audit's actor and "last edit by" for this job (<see cref="BulkAudit.Actor"/>).</summary>
    public string Actor => BulkAudit.Actor(StartedBy, Parameters.Action, JobId);

    public static AuditEntry Audit(long contactId, BulkBatch batch, string field, string? from, string? to) =>
        Profile.Changes.ContactChanges.Audit(contactId, batch.Now, batch.Actor, ChangeSource.User, field, from, to);
}
