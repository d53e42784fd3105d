using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Categories;

/// <summary>A category as the settings page lists it.</summary>
/// <param name="ArchivedAt">When the category was archived (offered nowhere, subscriptions kept); null while in use.</param>
public sealed record CategoryRow(int Id, string Key, string Name, string? Description, int Subscribers, DateTime? ArchivedAt = null)
{
    public bool IsArchived => ArchivedAt is not null;
}

/// <summary>What an Admin types to create or edit a category; the key is read only when creating.</summary>
public sealed record CategoryDraft(string? Name, string? Key, string? Description);

public abstract record CategoryOutcome
{
    private CategoryOutcome() { }

    public sealed record Done(int Id) : CategoryOutcome;
    /// <summary>Bad input, by the field it is in, so each message sits under what was typed.</summary>
    public sealed record Invalid(IReadOnlyDictionary<CategoryInput, string> Errors) : CategoryOutcome;
    /// <summary>The user may not do this, or the category is gone.</summary>
    public sealed record Refused(string Reason) : CategoryOutcome;
    /// <summary>Deleting would unsubscribe this many contacts: ask, then call again with the count confirmed.</summary>
    public sealed record NeedsConfirmation(int Subscribers) : CategoryOutcome;
}

/// <summary>
/// The subscription categories an Admin manages at /settings/categories. Every call asks the Admin policy again:
/// the page was authorized when it opened, and the user's role may have been taken away since.
/// </summary>
public sealed class CategorySettings(IDbContextFactory<AppDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    private static readonly CategoryOutcome NotAllowed = new CategoryOutcome.Refused("Only Admins manage subscription categories.");
    private static readonly CategoryOutcome Gone = new CategoryOutcome.Refused("This category no longer exists.");

    /// <summary>Every category in its order, with how many contacts are subscribed (one grouped query on the subscriptions' index).</summary>
    public async Task<IReadOnlyList<CategoryRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var categories = await db.SubscriptionCategories.AsNoTracking()
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        var subscribers = await db.ContactSubscriptions.Where(s => s.IsSubscribed)
            .GroupBy(s => s.CategoryId).Select(g => new { CategoryId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.CategoryId, g => g.Count, ct);
        return categories.Select(c => new CategoryRow(c.Id, c.Key, c.Name, c.Description, subscribers.GetValueOrDefault(c.Id), c.ArchivedAt)).ToList();
    }

    public async Task<CategoryOutcome> CreateAsync(CategoryDraft draft, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        var errors = new Dictionary<CategoryInput, string>();
        var name = CategoryRules.CheckName(draft.Name);
        var key = CategoryRules.CheckKey(draft.Key);
        var description = CategoryRules.CheckDescription(draft.Description);
        AddError(errors, CategoryInput.Name, name.Error);
        AddError(errors, CategoryInput.Key, key.Error);
        AddError(errors, CategoryInput.Description, description.Error);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (key.IsValid && await db.SubscriptionCategories.AnyAsync(c => c.Key == key.Value, ct))
            errors[CategoryInput.Key] = KeyTakenMessage(key.Value);
        if (errors.Count > 0) return new CategoryOutcome.Invalid(errors);

        var last = await db.SubscriptionCategories.MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
        var category = new SubscriptionCategory { Key = key.Value, Name = name.Value, Description = description.Value, SortOrder = last + 1 };
        db.SubscriptionCategories.Add(category);
        SettingsAudit.Record(db, user, SettingsArea.Category, category.Key, "Created", before: null, Snapshot(category), Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another Admin took the key between the check above and this write: the unique index refused it.
            if (!await KeyTakenAsync(key.Value, ct)) throw;
            return new CategoryOutcome.Invalid(new Dictionary<CategoryInput, string> { [CategoryInput.Key] = KeyTakenMessage(key.Value) });
        }
        return new CategoryOutcome.Done(category.Id);
    }

    /// <summary>Renames the category or changes its description; the key stays, as the API, forms and imports use it.</summary>
    public async Task<CategoryOutcome> UpdateAsync(int id, CategoryDraft draft, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        var errors = new Dictionary<CategoryInput, string>();
        var name = CategoryRules.CheckName(draft.Name);
        var description = CategoryRules.CheckDescription(draft.Description);
        AddError(errors, CategoryInput.Name, name.Error);
        AddError(errors, CategoryInput.Description, description.Error);
        if (errors.Count > 0) return new CategoryOutcome.Invalid(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.SubscriptionCategories.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return Gone;
        var before = Snapshot(category);
        category.Name = name.Value;
        category.Description = description.Value;
        var after = Snapshot(category);
        if (before != after) SettingsAudit.Record(db, user, SettingsArea.Category, category.Key, "Edited", before, after, Now);
        await db.SaveChangesAsync(ct);
        return new CategoryOutcome.Done(id);
    }

    /// <summary>Moves the category one place up (-1) or down (+1) in the order the card and the grid's filter show.</summary>
    public async Task<CategoryOutcome> MoveAsync(int id, int by, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ordered = await db.SubscriptionCategories.OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        var from = ordered.FindIndex(c => c.Id == id);
        if (from < 0) return Gone;
        var to = Math.Clamp(from + Math.Sign(by), 0, ordered.Count - 1);
        if (to != from)
        {
            SettingsAudit.Record(db, user, SettingsArea.Category, ordered[from].Key, "Moved",
                new { Position = from + 1 }, new { Position = to + 1 }, Now);
        }
        (ordered[from], ordered[to]) = (ordered[to], ordered[from]);
        // Numbered afresh, so equal or missing orders (older data) cannot make a move do nothing.
        for (var i = 0; i < ordered.Count; i++) ordered[i].SortOrder = i + 1;
        await db.SaveChangesAsync(ct);
        return new CategoryOutcome.Done(id);
    }

    /// <summary>
    /// Deletes the category and every contact's subscription state in it. While contacts are subscribed it answers
    /// <see cref="CategoryOutcome.NeedsConfirmation"/> with their number, until called with that same number confirmed.
    /// </summary>
    public async Task<CategoryOutcome> DeleteAsync(int id, int confirmedSubscribers, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.SubscriptionCategories.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return Gone;
        var subscribers = await db.ContactSubscriptions.CountAsync(s => s.CategoryId == id && s.IsSubscribed, ct);
        // A confirmation is for the number it showed: more subscribers since then asks again.
        if (subscribers > 0 && subscribers != confirmedSubscribers) return new CategoryOutcome.NeedsConfirmation(subscribers);
        db.SubscriptionCategories.Remove(category);   // its subscriptions go with it (cascade)
        SettingsAudit.Record(db, user, SettingsArea.Category, category.Key, "Deleted",
            new { category.Name, category.Description, Subscribers = subscribers }, after: null, Now);
        await db.SaveChangesAsync(ct);
        return new CategoryOutcome.Done(id);
    }

    /// <summary>What the audit log keeps of a category (a record, so two snapshots compare by value).</summary>
    private sealed record CategorySnapshot(string Name, string? Description);

    private static CategorySnapshot Snapshot(SubscriptionCategory category) => new(category.Name, category.Description);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string KeyTakenMessage(string key) => $"Another category already has the key {key}.";

    private async Task<bool> KeyTakenAsync(string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SubscriptionCategories.AnyAsync(c => c.Key == key, ct);
    }

    private static void AddError(Dictionary<CategoryInput, string> errors, CategoryInput input, string? error)
    {
        if (error is not null) errors[input] = error;
    }
}
