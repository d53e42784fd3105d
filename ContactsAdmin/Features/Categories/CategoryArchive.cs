using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Categories;

/// <summary>
/// Archives a subscription category (offered nowhere any more: not on the card for new subscriptions, not in the
/// grid's filter, not to forms or the API; its subscriptions are kept and still shown) and restores it. Every call
/// asks the Admin policy again, as <see cref="CategorySettings"/> does.
/// </summary>
public sealed class CategoryArchive(IDbContextFactory<AppDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    private static readonly CategoryOutcome NotAllowed = new CategoryOutcome.Refused("Only Admins manage subscription categories.");
    private static readonly CategoryOutcome Gone = new CategoryOutcome.Refused("This category no longer exists.");

    public Task<CategoryOutcome> ArchiveAsync(int id, ClaimsPrincipal user, CancellationToken ct = default) => SetAsync(id, archive: true, user, ct);

    public Task<CategoryOutcome> RestoreAsync(int id, ClaimsPrincipal user, CancellationToken ct = default) => SetAsync(id, archive: false, user, ct);

    private async Task<CategoryOutcome> SetAsync(int id, bool archive, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.SubscriptionCategories.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return Gone;
        // Archiving twice keeps the first date; restoring what is not archived changes nothing.
        if ((category.ArchivedAt is not null) == archive) return new CategoryOutcome.Done(id);

        var now = clock.GetUtcNow().UtcDateTime;
        var before = new { category.Name, category.ArchivedAt };
        category.ArchivedAt = archive ? now : null;
        SettingsAudit.Record(db, user, SettingsArea.Category, category.Key, archive ? "Archived" : "Restored",
            before, new { category.Name, category.ArchivedAt }, now);
        await db.SaveChangesAsync(ct);
        return new CategoryOutcome.Done(id);
    }
}
