using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Identity;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Profile.Merging;

/// <summary>What an undo did, or why it did nothing.</summary>
public abstract record UndoOutcome
{
    public sealed record Undone(long SurvivorId, long MergedAwayId) : UndoOutcome;

    /// <summary>Nothing was changed; <see cref="Reason"/> says what blocks the undo, as shown to the user.</summary>
    public sealed record Refused(string Reason) : UndoOutcome;
}

/// <summary>
/// Undoes a merge within <see cref="MergeUndoWindow"/>: both contacts come back exactly as the record's snapshot has
/// them (B with its own id; the devices, activities, email events and change history that moved go back by id; A's
/// fields, custom field values and subscriptions as they were), the merge's audit entry goes, both email statuses are
/// refolded and the record is marked undone. Refuses, changing nothing, when undoing would lose or break something.
/// Runs in the caller's transaction.
/// </summary>
public static class MergeUndo
{
    /// <summary>Audit entries that do not touch what an undo restores: a device registered on A after the merge stays on A.</summary>
    private static readonly string[] HarmlessEdits = ["Device", "Push token"];

    public static async Task<UndoOutcome> UndoAsync(AppDbContext db, long recordId, string actor, DateTime now, EmailStatusRuleOptions rules, CancellationToken ct)
    {
        var record = await db.ContactMergeRecords.SingleOrDefaultAsync(r => r.Id == recordId, ct);
        if (record is null) return new UndoOutcome.Refused("There is no such merge: it was deleted with its contact or after its undo period.");
        if (await BlockerAsync(db, record, now, ct) is { } reason) return new UndoOutcome.Refused(reason);
        var snapshot = MergeSnapshot.FromJson(record.Snapshot);
        var (survivorId, mergedAwayId) = (record.SurvivorId, record.MergedAwayId);

        // A as it was: its columns, and its values and subscriptions from the snapshot (B's that moved go with them).
        await db.AuditEntries.Where(a => a.ContactId == survivorId && a.Id == snapshot.MergeAuditEntryId).ExecuteDeleteAsync(ct);
        await db.CustomFieldValues.Where(v => v.ContactId == survivorId).ExecuteDeleteAsync(ct);
        await db.ContactSubscriptions.Where(s => s.ContactId == survivorId).ExecuteDeleteAsync(ct);
        var survivor = await db.Contacts.SingleAsync(c => c.Id == survivorId, ct);
        EntityColumns.Write(db, survivor, snapshot.Survivor.Columns, withKey: false);
        AddRows(db, snapshot.Survivor);
        await db.SaveChangesAsync(ct);   // A's identifiers first: B takes back those A had taken from it

        var mergedAway = EntityColumns.Create<Contact>(db, snapshot.MergedAway.Columns);
        db.Contacts.Add(mergedAway);
        AddRows(db, snapshot.MergedAway);
        await db.SaveChangesAsync(ct);

        var moved = snapshot.Moved;
        // Each moved row is found under the survivor, where the merge put it: PostgreSQL keys these tables by (ContactId, Id)
        // or looks them up by ContactId, so the id alone would read the whole table.
        var (identifiers, rows) = (StoreEngine.Of(db).Identifiers, StoreEngine.Of(db).ContactRows);
        var devices = identifiers.KeepsLookups
            ? await db.ContactDevices.Where(d => d.ContactId == survivorId && moved.Devices.Contains(d.Id)).Select(d => new { d.DeviceId, d.PushToken }).ToListAsync(ct)
            : [];
        var survivorHeld = devices.SelectMany(d => IdentifierKey.OfDevice(survivorId, d.DeviceId, d.PushToken)).Distinct().ToList();
        await rows.MoveAsync<ContactDevice>(db, survivorId, mergedAwayId, moved.Devices, ct);
        // Their ids and tokens name B again, and A only where A has a device of that id left.
        await identifiers.MoveAsync(db, survivorHeld, [.. survivorHeld.Select(k => k with { ContactId = mergedAwayId })], ct);
        await rows.MoveAsync<Activity>(db, survivorId, mergedAwayId, moved.Activities, ct);
        await rows.MoveAsync<AuditEntry>(db, survivorId, mergedAwayId, moved.AuditEntries, ct);
        await db.EmailEvents.Where(e => e.ContactId == survivorId && moved.EmailEvents.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ContactId, (long?)mergedAwayId), ct);

        // Events may have arrived for either address since: the statuses are the fold over today's logs.
        await ContactChanges.RefoldEmailStatusAsync(db, survivor, rules, ct);
        await ContactChanges.RefoldEmailStatusAsync(db, mergedAway, rules, ct);
        (record.UndoneAt, record.UndoneBy) = (now, actor.Length > ContactMergeRecord.ActorMaxLength ? actor[..ContactMergeRecord.ActorMaxLength] : actor);
        await db.SaveChangesAsync(ct);
        return new UndoOutcome.Undone(survivorId, mergedAwayId);
    }

    /// <summary>Why the merge cannot be undone now, as shown to the user; null when it can.</summary>
    public static async Task<string?> BlockerAsync(AppDbContext db, ContactMergeRecord record, DateTime now, CancellationToken ct)
    {
        if (record.UndoneAt is { } undoneAt)
            return $"This merge was already undone by {record.UndoneBy} on {undoneAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.";
        if (now > record.UndoUntil)
            return $"The {MergeUndoWindow.Length.TotalDays:0} days to undo this merge ended on {record.UndoUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.";
        var (survivorId, mergedAwayId) = (record.SurvivorId, record.MergedAwayId);
        if (await db.Contacts.AnyAsync(c => c.Id == mergedAwayId, ct))
            return $"Contact ID {mergedAwayId} is in use again, so the merged-away contact cannot get its id back.";

        var snapshot = MergeSnapshot.FromJson(record.Snapshot);
        var version = await db.Contacts.Where(c => c.Id == survivorId).Select(c => (long?)c.Version).SingleOrDefaultAsync(ct);
        if (version is null) return $"Contact #{survivorId} no longer exists.";
        var since = await db.AuditEntries.AsNoTracking()
            .Where(a => a.ContactId == survivorId && a.Id > snapshot.MergeAuditEntryId && !HarmlessEdits.Contains(a.Field))
            .Select(a => a.Field).Distinct().ToListAsync(ct);
        if (version != record.SurvivorVersionAfterMerge || since.Count > 0)
        {
            var fields = since.Count == 0 ? "" : $" ({string.Join(", ", since)})";
            return $"Contact #{survivorId} was edited after the merge{fields}: undoing would lose those changes.";
        }

        foreach (var (side, contact) in new[] { ("merged-away", snapshot.MergedAway), ("surviving", snapshot.Survivor) })
        {
            var holders = await IdentityResolver.HoldersAsync(db, contact.Text(nameof(Contact.ExternalId)),
                contact.Text(nameof(Contact.Email)), contact.Text(nameof(Contact.Phone)), ct);
            if (holders.FirstOrDefault(h => h.ContactId != survivorId) is { } holder)
                return $"The {side} contact's {Label(holder.Kind)} {holder.Value} now belongs to {holder.ContactName} (#{holder.ContactId}).";
        }
        return null;
    }

    private static void AddRows(AppDbContext db, ContactSnapshot contact)
    {
        foreach (var value in contact.CustomFieldValues) db.CustomFieldValues.Add(EntityColumns.Create<CustomFieldValue>(db, value));
        foreach (var subscription in contact.Subscriptions) db.ContactSubscriptions.Add(EntityColumns.Create<ContactSubscription>(db, subscription));
    }

    private static string Label(IdentifierKind kind) => kind switch
    {
        IdentifierKind.ExternalId => "External ID",
        IdentifierKind.Email => "email",
        IdentifierKind.Phone => "phone",
        _ => "device",
    };
}
