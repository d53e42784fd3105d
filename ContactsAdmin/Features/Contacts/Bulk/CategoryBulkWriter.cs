using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>
/// Adds a batch of contacts to a category or removes them, set-based: one read of their subscriptions to the
/// category, one UPDATE of those that change state, bulk inserts of new subscriptions and of the audit entries (the engine's bulk path)
/// (the card's wording: "Subscription: Newsletter", from "Not subscribed" or "Unsubscribed" to "Subscribed"), and one
/// UPDATE of their "last edit". No SaveChanges per contact: a batch of thousands costs a handful of statements.
/// </summary>
public static class CategoryBulkWriter
{
    public const string Subscribed = "Subscribed";
    public const string Unsubscribed = "Unsubscribed";
    public const string NotSubscribed = "Not subscribed";

    /// <summary>Writes the batch in the caller's transaction; returns its outcomes (<see cref="BulkOutcomes"/>).</summary>
    public static async Task<Dictionary<string, long>> WriteAsync(AppDbContext db, BulkBatch batch, SubscriptionCategory category, bool subscribe, CancellationToken ct)
    {
        var ids = batch.Ids;
        var categoryId = category.Id;
        var states = await db.ContactSubscriptions.AsNoTracking()
            .Where(s => s.CategoryId == categoryId && ids.Contains(s.ContactId))
            .Select(s => new { s.ContactId, s.IsSubscribed })
            .ToDictionaryAsync(s => s.ContactId, s => s.IsSubscribed, ct);

        // Adding: those without a row get one, those unsubscribed are subscribed again. Removing: only those subscribed change.
        var toFlip = ids.Where(id => states.TryGetValue(id, out var isSubscribed) && isSubscribed != subscribe).ToList();
        var toCreate = subscribe ? ids.Where(id => !states.ContainsKey(id)).ToList() : [];
        var now = batch.Now;

        if (toFlip.Count > 0)
            await db.ContactSubscriptions.Where(s => s.CategoryId == categoryId && toFlip.Contains(s.ContactId))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.IsSubscribed, subscribe).SetProperty(x => x.Since, now)
                    .SetProperty(x => x.Source, ContactSource.Manual), ct);
        if (toCreate.Count > 0)
            BulkInsert.Entities(db, toCreate.Select(id => new ContactSubscription
            {
                ContactId = id, CategoryId = categoryId, IsSubscribed = true, Since = now, Source = ContactSource.Manual,
            }));

        var field = $"Subscription: {category.Name}";
        var (from, to) = subscribe ? (Unsubscribed, Subscribed) : (Subscribed, Unsubscribed);
        var changed = toFlip.Concat(toCreate).Order().ToList();
        BulkInsert.Entities(db, toFlip.Select(id => BulkBatch.Audit(id, batch, field, from, to))
            .Concat(toCreate.Select(id => BulkBatch.Audit(id, batch, field, NotSubscribed, Subscribed))));
        if (changed.Count > 0)
        {
            var actor = batch.Actor;
            // Subscriptions are not part of the profile form, so, as on the card, they do not bump its concurrency token.
            await db.Contacts.Where(c => changed.Contains(c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastEditAt, now).SetProperty(c => c.LastEditBy, actor), ct);
        }

        var left = ids.Count - changed.Count;
        return BulkOutcomes.Of((BulkOutcomes.Changed, changed.Count),
            (subscribe ? BulkOutcomes.AlreadyInCategory : BulkOutcomes.NotInCategory, left));
    }
}
