using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>
/// Starts a bulk action as a background job after asking the registered policy for that action
/// (<see cref="BulkActionRules.Policy"/>) again on the server: the grid only hides what a role may not do.
/// </summary>
public sealed class BulkActionStarter(IDbContextFactory<AppDbContext> dbFactory, IAuthorizationService authorization, JobActions jobs)
{
    /// <param name="count">How many contacts the user was told the selection holds: the job's title names it.</param>
    public async Task<JobOutcome> StartAsync(ClaimsPrincipal user, BulkAction action, BulkSelection selection, long count, int? categoryId,
        CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, BulkActionRules.Policy(action))) return new JobOutcome.Refused(NotAllowed(action));
        if (selection is { Filter: null, Ids: null or { Count: 0 } }) return new JobOutcome.Refused("Select the contacts first.");

        string? categoryName = null;
        if (BulkActionRules.NeedsCategory(action))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var category = await db.SubscriptionCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == categoryId, ct);
            if (category is null) return new JobOutcome.Refused("Choose a category.");
            if (action == BulkAction.AddToCategory && category.ArchivedAt is not null)
                return new JobOutcome.Refused($"{category.Name} is archived: it takes no new subscriptions.");
            categoryName = category.Name;
        }
        else categoryId = null;

        var parameters = new BulkJobParameters(action, selection, categoryId);
        return await jobs.StartAsync(user, BulkJobParameters.JobKind, BulkActionRules.Title(action, count, categoryName), parameters, ct);
    }

    private static string NotAllowed(BulkAction action) => BulkActionRules.Policy(action) switch
    {
        Policies.CanEdit => "Only Marketers and Admins act on contacts in bulk.",
        _ => $"Only Admins may {BulkActionRules.Label(action).ToLowerInvariant()} contacts in bulk.",
    };
}
