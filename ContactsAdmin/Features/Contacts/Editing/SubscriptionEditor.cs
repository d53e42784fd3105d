using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Editing;

/// <summary>Subscribes a contact to a category or unsubscribes it, with an audit entry and "last edit".</summary>
public sealed class SubscriptionEditor(IDbContextFactory<AppDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    /// <returns>False when the user may not edit, the contact or category does not exist, or the category is archived (for subscribing).</returns>
    public async Task<bool> SetAsync(long contactId, int categoryId, bool subscribed, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return false;
        var actor = user.Identity?.Name ?? "unknown user";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId, ct);
        var category = await db.SubscriptionCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == categoryId, ct);
        if (contact is null || category is null) return false;
        // An archived category takes no new subscriptions; unsubscribing from it stays possible.
        if (subscribed && category.ArchivedAt is not null) return false;

        var now = clock.GetUtcNow().UtcDateTime;
        var subscription = await db.ContactSubscriptions.SingleOrDefaultAsync(s => s.ContactId == contactId && s.CategoryId == categoryId, ct);
        var before = subscription is null ? "Not subscribed" : subscription.IsSubscribed ? "Subscribed" : "Unsubscribed";
        if (subscription?.IsSubscribed == subscribed) return true;

        if (subscription is null)
        {
            subscription = new ContactSubscription { ContactId = contactId, CategoryId = categoryId };
            db.ContactSubscriptions.Add(subscription);
        }
        subscription.IsSubscribed = subscribed;
        subscription.Since = now;
        subscription.Source = ContactSource.Manual;

        db.AuditEntries.Add(new AuditEntry
        {
            ContactId = contactId, OccurredAt = now, Actor = actor, Source = ChangeSource.User,
            Field = $"Subscription: {category.Name}", OldValue = before, NewValue = subscribed ? "Subscribed" : "Unsubscribed",
        });
        // Subscriptions are not part of the profile form, so they do not bump the form's concurrency token.
        contact.LastEditAt = now;
        contact.LastEditBy = actor;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
