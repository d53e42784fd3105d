using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>Reads a contact's card: a handful of indexed queries, each bounded.</summary>
public sealed class ContactCardQueries(IDbContextFactory<AppDbContext> dbFactory, EmailStatusRuleOptions emailRules)
{
    public const int HistoryLimit = 200;

    public async Task<ContactCard?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return null;

        var devices = await db.ContactDevices.AsNoTracking().Where(d => d.ContactId == id)
            .OrderByDescending(d => d.LastSeenAt).ToListAsync(ct);

        // Archived fields are left out (their values stay); the order is the settings page's.
        var definitions = await CustomFieldOrder.ActiveAsync(db, ct);
        var values = await db.CustomFieldValues.AsNoTracking().Where(v => v.ContactId == id).ToDictionaryAsync(v => v.FieldId, ct);
        var groups = definitions
            .GroupBy(f => f.Group)
            .Select(g => new CardFieldGroup(g.Key, g.Select(f => new CardFieldValue(f, TypedFieldValue.From(values.GetValueOrDefault(f.Id)))).ToList()))
            .ToList();

        var categories = await db.SubscriptionCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        var states = await db.ContactSubscriptions.AsNoTracking().Where(s => s.ContactId == id).ToDictionaryAsync(s => s.CategoryId, ct);
        // An archived category is no longer offered: the card shows it only where the contact has a state in it.
        var subscriptions = categories.Where(c => c.ArchivedAt is null || states.ContainsKey(c.Id)).Select(c => states.TryGetValue(c.Id, out var s)
                ? new CardSubscription(c, s.IsSubscribed ? SubscriptionState.Subscribed : SubscriptionState.Unsubscribed, s.Since, s.Source)
                : new CardSubscription(c, SubscriptionState.NeverSubscribed, null, null))
            .ToList();

        // The card explains the status from the address's own log (the same fold that wrote the columns).
        List<EmailEvent> events = [];
        EmailStatusState? emailState = null;
        if (contact.EmailNormalized is { } address)
        {
            events = await db.EmailEvents.AsNoTracking().Where(e => e.Address == address)
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(ct);
            emailState = EmailStatusRules.Fold(events, emailRules);
            events.Reverse();   // newest first for the history table
        }

        var history = await db.AuditEntries.AsNoTracking().Where(a => a.ContactId == id)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Take(HistoryLimit).ToListAsync(ct);

        return new ContactCard(contact, devices, groups, subscriptions, emailState, events, history);
    }
}
