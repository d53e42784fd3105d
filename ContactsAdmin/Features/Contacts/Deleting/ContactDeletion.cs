using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Profile;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Deleting;

/// <summary>What deleting a contact takes with it, counted before it goes: the confirmation names each.</summary>
public sealed record ContactRemovalSummary(
    long ContactId,
    string DisplayName,
    int Identifiers,
    int Devices,
    int Subscriptions,
    int CustomFieldValues,
    int Activities,
    int HistoryEntries,
    int EmailEvents);

/// <summary>
/// Deletes a contact with everything that belongs to it (its devices, custom field values, subscriptions,
/// activities and change history go by the store's cascades). The address's email events stay, no longer linked to a
/// contact: they are the address's unsubscribe and blacklist history, so the same address arriving again is not
/// mailable again. The audit log (/settings/audit, area "Contact") keeps who deleted whom and when.
/// </summary>
public sealed class ContactDeletion(IDbContextFactory<AppDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    public const string Deleted = "Deleted";

    /// <summary>What deleting contact <paramref name="contactId"/> would remove; null when there is no such contact.</summary>
    public async Task<ContactRemovalSummary?> SummaryAsync(long contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await SummaryAsync(db, contactId, ct);
    }

    /// <summary>Deletes for a signed-in user, after asking the registered policy (Admins, per the role matrix).</summary>
    public async Task<ContactRemovalSummary?> DeleteAsync(ClaimsPrincipal user, long contactId, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanDeleteContacts))
            throw new UnauthorizedAccessException("Only Admins delete contacts.");
        return await DeleteAsync(contactId, SettingsAudit.ActorOf(user), ct);
    }

    /// <summary>
    /// Deletes contact <paramref name="contactId"/> in one transaction and records it in the audit log as
    /// <paramref name="actor"/>; null when there is no such contact (nothing is recorded then). The caller has checked
    /// the caller's right: a page through <see cref="DeleteAsync(ClaimsPrincipal, long, CancellationToken)"/>, the API
    /// by its endpoint's scope.
    /// </summary>
    public async Task<ContactRemovalSummary?> DeleteAsync(long contactId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await SummaryAsync(db, contactId, ct) is not { } summary) return null;
        await StoreEngine.Of(db).Identifiers.DeleteContactAsync(db, contactId, ct);
        SettingsAudit.Record(db, actor, SettingsArea.Contact, $"Contact #{contactId}", Deleted,
            before: new { Name = summary.DisplayName, summary.Devices, summary.Subscriptions, summary.Activities }, after: null,
            clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return summary;
    }

    private static async Task<ContactRemovalSummary?> SummaryAsync(AppDbContext db, long contactId, CancellationToken ct)
    {
        var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId)
            .Select(c => new
            {
                c.FirstName, c.LastName, c.Email, c.ExternalId, c.Phone,
                Devices = c.Devices.Count,
                Subscriptions = c.Subscriptions.Count,
                Values = c.CustomFieldValues.Count,
            })
            .SingleOrDefaultAsync(ct);
        if (contact is null) return null;
        var identifiers = new[] { contact.ExternalId, contact.Email, contact.Phone }.Count(v => v is not null);
        return new ContactRemovalSummary(contactId, ContactNames.Display(contact.FirstName, contact.LastName, contact.Email, contactId),
            identifiers, contact.Devices, contact.Subscriptions, contact.Values,
            await db.Activities.CountAsync(a => a.ContactId == contactId, ct),
            await db.AuditEntries.CountAsync(a => a.ContactId == contactId, ct),
            await db.EmailEvents.CountAsync(e => e.ContactId == contactId, ct));
    }
}
