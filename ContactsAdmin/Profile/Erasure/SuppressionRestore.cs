using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;

namespace ContactsAdmin.Profile.Erasure;

/// <summary>
/// Gives a contact that gets an email address the state an erased contact with the same address or phone had: the
/// one step of the write path (<see cref="Changes.ContactChanges.RefreshEmailStatusAsync"/> and the batch writer's
/// refresh) that every writer passes when an address is set, so a form, the API, an event, an import and the card's
/// editor all restore it. The state comes back as an email event of the address (noted
/// <see cref="Note"/>, dated when the erased contact's status began), so the fold, the card's reason and the address's
/// history show it like any other; a blacklisting also gets its blacklist entry.
/// </summary>
public static class SuppressionRestore
{
    public const string Note = "Restored from an erased contact's suppression";
    public const string Actor = "Erasure suppression";

    /// <summary>
    /// The events recorded for the contact's address (added to <paramref name="db"/>, unsaved), or none: when the
    /// contact has no address, nothing is kept for it, the address's <paramref name="log"/> already holds a restore
    /// (then whatever happened since, e.g. consent recorded on the card, stands), or its own log is already as strong.
    /// </summary>
    public static async Task<IReadOnlyList<EmailEvent>> RestoreAsync(AppDbContext db, Contact contact, SuppressionLookup suppressions,
        IEnumerable<EmailEvent> log, EmailStatusRuleOptions rules, CancellationToken ct)
    {
        if (contact.EmailNormalized is not { } address) return [];
        var events = log as IReadOnlyCollection<EmailEvent> ?? [.. log];
        if (events.Any(e => e.Note == Note)) return [];
        if (await suppressions.FindAsync(address, contact.Phone, ct) is not { } kept) return [];
        if (EmailStatusRules.Strength(EmailStatusRules.Fold(events, rules).Status) >= EmailStatusRules.Strength(kept.EmailStatus)) return [];

        var restored = EventFor(address, contact.Id == 0 ? null : contact.Id, kept);
        db.EmailEvents.Add(restored);
        if (restored.Kind == EmailEventKind.BlacklistAdded)
        {
            db.BlacklistEntries.Add(new BlacklistEntry
            {
                Address = address, Reason = restored.BlacklistReason!.Value, Scope = restored.BlacklistScope!.Value,
                AddedAt = restored.OccurredAt, AddedBy = Actor, Note = Note,
            });
        }
        return [restored];
    }

    private static EmailEvent EventFor(string address, long? contactId, ErasedSuppression kept)
    {
        var restored = new EmailEvent
        {
            Address = address, ContactId = contactId, OccurredAt = kept.StatusSince ?? kept.ErasedAt, Actor = Actor, Note = Note,
        };
        switch (kept.EmailStatus)
        {
            case EmailStatus.Blacklisted:
                restored.Kind = EmailEventKind.BlacklistAdded;
                restored.BlacklistReason = kept.BlacklistReason ?? BlacklistReason.Manual;
                restored.BlacklistScope = kept.BlacklistScope ?? BlacklistScope.Local;
                break;
            case EmailStatus.ReportedSpam:
                restored.Kind = EmailEventKind.SpamComplaint;
                break;
            default:
                restored.Kind = EmailEventKind.Unsubscribed;
                restored.UnsubscribeReason = kept.UnsubscribeReason;
                break;
        }
        return restored;
    }
}
