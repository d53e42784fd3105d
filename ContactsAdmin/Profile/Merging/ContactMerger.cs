using ContactsAdmin.Data;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Fields;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Profile.Merging;

/// <summary>What a merge did, as its audit entry says it.</summary>
public sealed record MergeSummary(long FromId, int Devices, int Activities, int Subscriptions, int EmailEvents, long RecordId);

/// <summary>Who merges, when, and what the merge checks against.</summary>
public sealed record MergeContext(ChangeActor Actor, DateTime Now, ProfileFieldTable Table, EmailStatusRuleOptions EmailRules);

/// <summary>
/// The one way two contacts become one (a marketer's merge from the duplicates page or a card, and the API's merge of
/// an anonymous device contact into the identified one): contact B is merged into contact A. Each field where they
/// differ takes the side chosen (else its <see cref="MergePlan"/> default), subscriptions keep the later choice, devices,
/// activities, email events and change history move to A, A's email status is refolded, B is deleted, and a
/// <see cref="ContactMergeRecord"/> keeps both contacts as they were so <see cref="MergeUndo"/> can restore them. Runs in
/// the caller's transaction, so a refused write leaves both contacts as they were.
/// </summary>
public static class ContactMerger
{
    public const string AuditField = "Merged contact";

    public static async Task<MergeSummary> MergeAsync(AppDbContext db, long fromId, long intoId, MergeChoices choices, MergeContext context, CancellationToken ct)
    {
        if (fromId == intoId) throw new InvalidOperationException("A contact cannot be merged into itself.");
        var survivor = await db.Contacts.Include(c => c.CustomFieldValues).Include(c => c.Subscriptions)
            .SingleAsync(c => c.Id == intoId, ct);
        // Read only: B is deleted by the store below, so nothing of it may be tracked.
        var mergedAway = await db.Contacts.AsNoTracking().Include(c => c.CustomFieldValues).Include(c => c.Subscriptions)
            .SingleAsync(c => c.Id == fromId, ct);
        var definitions = await db.CustomFieldDefinitions.AsNoTracking().ToListAsync(ct);
        var survivorBefore = ContactSnapshot.Of(db, survivor);
        var mergedAwayBefore = ContactSnapshot.Of(db, mergedAway);

        var moved = new MovedRows(
            await db.ContactDevices.Where(d => d.ContactId == fromId).Select(d => d.Id).ToListAsync(ct),
            await db.Activities.Where(a => a.ContactId == fromId).Select(a => a.Id).ToListAsync(ct),
            await db.EmailEvents.Where(e => e.ContactId == fromId).Select(e => e.Id).ToListAsync(ct),
            await db.AuditEntries.Where(a => a.ContactId == fromId).Select(a => a.Id).ToListAsync(ct));
        var (identifiers, rows) = (StoreEngine.Of(db).Identifiers, StoreEngine.Of(db).ContactRows);
        var freed = await identifiers.HeldAsync(db, [fromId], ct);
        await rows.MoveAsync<ContactDevice>(db, fromId, intoId, ids: null, ct);
        await rows.MoveAsync<Activity>(db, fromId, intoId, ids: null, ct);
        await rows.MoveAsync<AuditEntry>(db, fromId, intoId, ids: null, ct);
        // An address's log only points at its contact (it is not the contact's own row): the pointer follows.
        await db.EmailEvents.Where(e => e.ContactId == fromId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ContactId, (long?)intoId), ct);
        // B's identifiers must be free before A may take one of them; its values and subscriptions go with it (cascade).
        await ContactReferences.DropAsync(db, fromId, ct);
        await db.Contacts.Where(c => c.Id == fromId).ExecuteDeleteAsync(ct);
        // The look-ups likewise (A's save below claims what it takes); B's device ids and push tokens now name A.
        await identifiers.MoveAsync(db, freed, [.. freed.Where(k => IdentifierColumn.Of(k.Kind).OnDevices).Select(k => k with { ContactId = intoId })], ct);

        var taken = TakeFields(db, survivor, mergedAway, choices, context.Table, definitions);
        var subscriptions = TakeSubscriptions(survivor, mergedAway);
        if (!FieldText.Same(survivorBefore.Text(nameof(Contact.Email)), survivor.Email))
            await ContactChanges.RefoldEmailStatusAsync(db, survivor, context.EmailRules, ct);
        survivor.LastEditAt = context.Now;
        survivor.LastEditBy = context.Actor.Name;
        survivor.Version++;

        var audit = ContactChanges.Audit(intoId, context.Now, context.Actor.Name, context.Actor.Source, AuditField,
            mergedAway.FirstName is null && mergedAway.LastName is null && mergedAway.Email is null
                ? $"Anonymous contact #{fromId}"
                : $"{ContactNames.Display(mergedAway.FirstName, mergedAway.LastName, mergedAway.Email, fromId)} (#{fromId})",
            Describe(taken, moved, subscriptions));
        db.AuditEntries.Add(audit);
        await db.SaveChangesAsync(ct);

        var record = new ContactMergeRecord
        {
            SurvivorId = intoId, MergedAwayId = fromId, MergedAt = context.Now, MergedBy = Clip(context.Actor.Name),
            SurvivorVersionAfterMerge = survivor.Version, UndoUntil = context.Now + MergeUndoWindow.Length,
            Snapshot = new MergeSnapshot(survivorBefore, mergedAwayBefore, moved, audit.Id).ToJson(),
        };
        db.ContactMergeRecords.Add(record);
        await db.SaveChangesAsync(ct);
        return new MergeSummary(fromId, moved.Devices.Count, moved.Activities.Count, subscriptions, moved.EmailEvents.Count, record.Id);
    }

    /// <summary>Puts B's value on A for each field that takes B's side; returns what was taken and what was dropped.</summary>
    private static List<string> TakeFields(AppDbContext db, Contact survivor, Contact mergedAway, MergeChoices choices,
        ProfileFieldTable table, IReadOnlyCollection<CustomFieldDefinition> definitions)
    {
        var notes = new List<string>();
        foreach (var row in MergePlan.Differences(survivor, mergedAway, table, definitions, choices.Preference))
        {
            var side = MergePlan.Side(row, choices);
            if (row.DropsOne) notes.Add($"{row.Label} {(side == MergeSide.Survivor ? row.MergedAwayText : row.SurvivorText)} dropped");
            if (side == MergeSide.Survivor) continue;
            notes.Add($"{row.Label} from #{mergedAway.Id}");
            if (row.Key.Profile is { } field)
            {
                field.Write(survivor, field.Read(mergedAway));
                continue;
            }
            var fieldId = row.Key.CustomFieldId!.Value;
            var theirs = mergedAway.CustomFieldValues.FirstOrDefault(v => v.FieldId == fieldId);
            var ours = survivor.CustomFieldValues.FirstOrDefault(v => v.FieldId == fieldId);
            if (theirs is null)
            {
                if (ours is not null) db.CustomFieldValues.Remove(ours);
                continue;
            }
            if (ours is null)
            {
                ours = new CustomFieldValue { ContactId = survivor.Id, FieldId = fieldId };
                survivor.CustomFieldValues.Add(ours);
            }
            (ours.TextValue, ours.NumberValue, ours.DateValue, ours.BoolValue) = (theirs.TextValue, theirs.NumberValue, theirs.DateValue, theirs.BoolValue);
        }
        return notes;
    }

    /// <summary>
    /// Categories only B has move over. Where both have one, the state that began later is the contact's latest choice.
    /// </summary>
    private static int TakeSubscriptions(Contact survivor, Contact mergedAway)
    {
        foreach (var theirs in mergedAway.Subscriptions)
        {
            var ours = survivor.Subscriptions.FirstOrDefault(s => s.CategoryId == theirs.CategoryId);
            if (ours is null)
            {
                survivor.Subscriptions.Add(new ContactSubscription
                {
                    CategoryId = theirs.CategoryId, IsSubscribed = theirs.IsSubscribed, Since = theirs.Since, Source = theirs.Source,
                });
            }
            else if (theirs.Since > ours.Since)
            {
                (ours.IsSubscribed, ours.Since, ours.Source) = (theirs.IsSubscribed, theirs.Since, theirs.Source);
            }
        }
        return mergedAway.Subscriptions.Count;
    }

    private static string Describe(List<string> taken, MovedRows moved, int subscriptions)
    {
        var movedText = $"Moved here: {moved.Devices.Count} device(s), {moved.Activities.Count} activity(ies), " +
            $"{subscriptions} subscription(s), {moved.EmailEvents.Count} email event(s)";
        return taken.Count == 0 ? movedText : $"{movedText}; {string.Join("; ", taken)}";
    }

    private static string Clip(string actor) => actor.Length > ContactMergeRecord.ActorMaxLength ? actor[..ContactMergeRecord.ActorMaxLength] : actor;
}
