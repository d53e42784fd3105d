using System.Security.Claims;
using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Forms;

/// <summary>A form as the settings page lists it, with its accepted submissions in the last 7 and 30 days.</summary>
public sealed record FormRow(
    int Id, string Key, string Name, IReadOnlyList<string> CategoryKeys, IReadOnlyList<string> AllowedOrigins, bool IsActive,
    int SubmissionsLast7Days, int SubmissionsLast30Days);

/// <summary>A category a form may subscribe to (archived ones are not offered).</summary>
public sealed record FormCategoryChoice(string Key, string Name);

/// <summary>What an Admin types to create or edit a form; the key is read only when creating; origins one per line.</summary>
public sealed record FormDraft(string? Name, string? Key, IReadOnlyCollection<string> CategoryKeys, string? AllowedOrigins, bool IsActive = true);

public abstract record FormOutcome
{
    private FormOutcome() { }

    public sealed record Done(int Id) : FormOutcome;
    /// <summary>Bad input, by the field it is in, so each message sits under what was typed.</summary>
    public sealed record Invalid(IReadOnlyDictionary<FormInput, string> Errors) : FormOutcome;
    /// <summary>The user may not do this, or the form is gone.</summary>
    public sealed record Refused(string Reason) : FormOutcome;
}

/// <summary>
/// The public subscription forms an Admin manages at /settings/forms: key, name, the categories a submission
/// subscribes to, the web origins whose pages may post to it from the browser, active or paused. Every call asks the
/// Admin policy again: the user's role may have been taken away since the page opened.
/// </summary>
public sealed class FormSettings(IDbContextFactory<AppDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    private static readonly FormOutcome NotAllowed = new FormOutcome.Refused("Only Admins manage subscription forms.");
    private static readonly FormOutcome Gone = new FormOutcome.Refused("This form no longer exists.");

    /// <summary>Every form with its submission counts, each a range count on the (FormId, SubmittedAt) index.</summary>
    public async Task<IReadOnlyList<FormRow>> ListAsync(CancellationToken ct = default)
    {
        var now = Now;
        var since7 = now.AddDays(-7);
        var since30 = now.AddDays(-30);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var forms = await db.SubscriptionForms.AsNoTracking().OrderBy(f => f.Name).ThenBy(f => f.Id)
            .Select(f => new
            {
                Form = f,
                Last7 = db.FormSubmissionRecords.Count(s => s.FormId == f.Id && s.SubmittedAt >= since7),
                Last30 = db.FormSubmissionRecords.Count(s => s.FormId == f.Id && s.SubmittedAt >= since30),
            })
            .ToListAsync(ct);
        return [.. forms.Select(f => new FormRow(f.Form.Id, f.Form.Key, f.Form.Name, f.Form.CategoryKeys, f.Form.AllowedOrigins, f.Form.IsActive, f.Last7, f.Last30))];
    }

    /// <summary>The categories a form may subscribe to, in the card's order: every one not archived.</summary>
    public async Task<IReadOnlyList<FormCategoryChoice>> CategoriesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SubscriptionCategories.AsNoTracking().Where(c => c.ArchivedAt == null)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new FormCategoryChoice(c.Key, c.Name)).ToListAsync(ct);
    }

    public async Task<FormOutcome> CreateAsync(FormDraft draft, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (checkedDraft, errors) = await CheckAsync(db, draft, ct);
        var key = FormRules.CheckKey(draft.Key);
        if (key.Error is { } keyError) errors[FormInput.Key] = keyError;
        else if (await db.SubscriptionForms.AnyAsync(f => f.Key == key.Value, ct)) errors[FormInput.Key] = KeyTakenMessage(key.Value);
        if (errors.Count > 0) return new FormOutcome.Invalid(errors);

        var form = new SubscriptionForm { Key = key.Value };
        checkedDraft!.ApplyTo(form);
        db.SubscriptionForms.Add(form);
        SettingsAudit.Record(db, user, SettingsArea.Form, form.Key, "Created", null, Snapshot(form), Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another Admin took the key between the check above and this write: the unique index refused it.
            if (!await KeyTakenAsync(key.Value, ct)) throw;
            return new FormOutcome.Invalid(new Dictionary<FormInput, string> { [FormInput.Key] = KeyTakenMessage(key.Value) });
        }
        return new FormOutcome.Done(form.Id);
    }

    /// <summary>Changes everything but the key, which is the form's URL on the sites that embed it.</summary>
    public async Task<FormOutcome> UpdateAsync(int id, FormDraft draft, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (checkedDraft, errors) = await CheckAsync(db, draft, ct);
        if (errors.Count > 0) return new FormOutcome.Invalid(errors);
        var form = await db.SubscriptionForms.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (form is null) return Gone;

        var before = Snapshot(form);
        checkedDraft!.ApplyTo(form);
        var after = Snapshot(form);
        // Saving the dialog unchanged writes nothing and logs nothing.
        if (JsonSerializer.Serialize(before) == JsonSerializer.Serialize(after)) return new FormOutcome.Done(id);
        SettingsAudit.Record(db, user, SettingsArea.Form, form.Key, "Edited", before, after, Now);
        await db.SaveChangesAsync(ct);
        return new FormOutcome.Done(id);
    }

    /// <summary>Pauses (false) or resumes (true) the form; a paused form answers 404, as an unknown one does.</summary>
    public async Task<FormOutcome> SetActiveAsync(int id, bool active, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var form = await db.SubscriptionForms.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (form is null) return Gone;
        if (form.IsActive == active) return new FormOutcome.Done(id);
        var before = Snapshot(form);
        form.IsActive = active;
        SettingsAudit.Record(db, user, SettingsArea.Form, form.Key, active ? "Resumed" : "Paused", before, Snapshot(form), Now);
        await db.SaveChangesAsync(ct);
        return new FormOutcome.Done(id);
    }

    private sealed record CheckedDraft(string Name, List<string> CategoryKeys, List<string> Origins, bool IsActive)
    {
        public void ApplyTo(SubscriptionForm form)
        {
            form.Name = Name;
            form.CategoryKeys = CategoryKeys;
            form.AllowedOrigins = Origins;
            form.IsActive = IsActive;
        }
    }

    /// <summary>Checks every field but the key (which only creating reads).</summary>
    private static async Task<(CheckedDraft?, Dictionary<FormInput, string>)> CheckAsync(AppDbContext db, FormDraft draft, CancellationToken ct)
    {
        var errors = new Dictionary<FormInput, string>();
        var name = FormRules.CheckName(draft.Name);
        var origins = FormRules.CheckOrigins(draft.AllowedOrigins);
        if (name.Error is { } nameError) errors[FormInput.Name] = nameError;
        if (origins.Error is { } originError) errors[FormInput.Origins] = originError;

        var chosen = draft.CategoryKeys.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList();
        // In the card's order, whatever order they were ticked in.
        var offered = await db.SubscriptionCategories.AsNoTracking().Where(c => c.ArchivedAt == null && chosen.Contains(c.Key))
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name).Select(c => c.Key).ToListAsync(ct);
        if (chosen.Count == 0) errors[FormInput.Categories] = "Choose at least one category the form subscribes to.";
        else if (chosen.Except(offered).FirstOrDefault() is { } missing)
            errors[FormInput.Categories] = $"There is no category {missing} in use (archived or deleted): choose another.";

        return errors.Count > 0 ? (null, errors) : (new CheckedDraft(name.Value, offered, origins.Value, draft.IsActive), errors);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static object Snapshot(SubscriptionForm form) =>
        new { form.Name, Categories = form.CategoryKeys.ToList(), Origins = form.AllowedOrigins.ToList(), form.IsActive };

    private static string KeyTakenMessage(string key) => $"Another form already has the key {key}.";

    private async Task<bool> KeyTakenAsync(string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SubscriptionForms.AnyAsync(f => f.Key == key, ct);
    }
}
