using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Widgets;

/// <summary>A widget as the settings page lists it.</summary>
public sealed record WidgetRow(int Id, string Key, string Name, int FrequencyLimit, WidgetFrequencyPeriod FrequencyPeriod, bool IsActive)
{
    /// <summary>"at most 2 per day", worded as the activity tab words it.</summary>
    public string Frequency => WidgetFrequencyText.Limit(new Widget { FrequencyLimit = FrequencyLimit, FrequencyPeriod = FrequencyPeriod });
}

/// <summary>What an Admin types to create or edit a widget; the key is read only when creating.</summary>
public sealed record WidgetDraft(string? Name, string? Key, int? FrequencyLimit, WidgetFrequencyPeriod? FrequencyPeriod);

public abstract record WidgetOutcome
{
    private WidgetOutcome() { }

    public sealed record Done(int Id) : WidgetOutcome;
    /// <summary>Bad input, by the field it is in, so each message sits under what was typed.</summary>
    public sealed record Invalid(IReadOnlyDictionary<WidgetInput, string> Errors) : WidgetOutcome;
    /// <summary>The user may not do this, or the widget is gone.</summary>
    public sealed record Refused(string Reason) : WidgetOutcome;
}

/// <summary>
/// The web widgets an Admin manages at /settings/widgets: name, key and display frequency, active or paused. The
/// activity tab reads the frequency from the widget's row on every query, so an edit changes its marks at once.
/// Every call asks the Admin policy again: the user's role may have been taken away since the page opened.
/// </summary>
public sealed class WidgetSettings(IDbContextFactory<AppDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    private static readonly WidgetOutcome NotAllowed = new WidgetOutcome.Refused("Only Admins manage widgets.");
    private static readonly WidgetOutcome Gone = new WidgetOutcome.Refused("This widget no longer exists.");

    public async Task<IReadOnlyList<WidgetRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Widgets.AsNoTracking().OrderBy(w => w.Name).ThenBy(w => w.Id)
            .Select(w => new WidgetRow(w.Id, w.Key, w.Name, w.FrequencyLimit, w.FrequencyPeriod, w.IsActive))
            .ToListAsync(ct);
    }

    public async Task<WidgetOutcome> CreateAsync(WidgetDraft draft, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        var errors = new Dictionary<WidgetInput, string>();
        var name = WidgetRules.CheckName(draft.Name);
        var key = WidgetRules.CheckKey(draft.Key);
        var limit = WidgetRules.CheckLimit(draft.FrequencyLimit);
        var period = WidgetRules.CheckPeriod(draft.FrequencyPeriod);
        AddError(errors, WidgetInput.Name, name.Error);
        AddError(errors, WidgetInput.Key, key.Error);
        AddError(errors, WidgetInput.Limit, limit.Error);
        AddError(errors, WidgetInput.Period, period.Error);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (key.IsValid && await db.Widgets.AnyAsync(w => w.Key == key.Value, ct))
            errors[WidgetInput.Key] = KeyTakenMessage(key.Value);
        if (errors.Count > 0) return new WidgetOutcome.Invalid(errors);

        var widget = new Widget { Key = key.Value, Name = name.Value, FrequencyLimit = limit.Value, FrequencyPeriod = period.Value, IsActive = true };
        db.Widgets.Add(widget);
        SettingsAudit.Record(db, user, SettingsArea.Widget, widget.Key, "Created", null, Snapshot(widget), Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another Admin took the key between the check above and this write: the unique index refused it.
            if (!await KeyTakenAsync(key.Value, ct)) throw;
            return new WidgetOutcome.Invalid(new Dictionary<WidgetInput, string> { [WidgetInput.Key] = KeyTakenMessage(key.Value) });
        }
        return new WidgetOutcome.Done(widget.Id);
    }

    /// <summary>Changes the name and the display frequency; the key stays, as websites' scripts name the widget by it.</summary>
    public async Task<WidgetOutcome> UpdateAsync(int id, WidgetDraft draft, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        var errors = new Dictionary<WidgetInput, string>();
        var name = WidgetRules.CheckName(draft.Name);
        var limit = WidgetRules.CheckLimit(draft.FrequencyLimit);
        var period = WidgetRules.CheckPeriod(draft.FrequencyPeriod);
        AddError(errors, WidgetInput.Name, name.Error);
        AddError(errors, WidgetInput.Limit, limit.Error);
        AddError(errors, WidgetInput.Period, period.Error);
        if (errors.Count > 0) return new WidgetOutcome.Invalid(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var widget = await db.Widgets.SingleOrDefaultAsync(w => w.Id == id, ct);
        if (widget is null) return Gone;
        var before = Snapshot(widget);
        widget.Name = name.Value;
        widget.FrequencyLimit = limit.Value;
        widget.FrequencyPeriod = period.Value;
        if (db.ChangeTracker.HasChanges())
        {
            SettingsAudit.Record(db, user, SettingsArea.Widget, widget.Key, "Edited", before, Snapshot(widget), Now);
            await db.SaveChangesAsync(ct);
        }
        return new WidgetOutcome.Done(id);
    }

    /// <summary>Pauses (false) or resumes (true) the widget.</summary>
    public async Task<WidgetOutcome> SetActiveAsync(int id, bool active, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var widget = await db.Widgets.SingleOrDefaultAsync(w => w.Id == id, ct);
        if (widget is null) return Gone;
        if (widget.IsActive == active) return new WidgetOutcome.Done(id);
        var before = Snapshot(widget);
        widget.IsActive = active;
        SettingsAudit.Record(db, user, SettingsArea.Widget, widget.Key, active ? "Resumed" : "Paused", before, Snapshot(widget), Now);
        await db.SaveChangesAsync(ct);
        return new WidgetOutcome.Done(id);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static object Snapshot(Widget widget) =>
        new { widget.Name, widget.FrequencyLimit, FrequencyPeriod = widget.FrequencyPeriod.ToString(), widget.IsActive };

    private static string KeyTakenMessage(string key) => $"Another widget already has the key {key}.";

    private async Task<bool> KeyTakenAsync(string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Widgets.AnyAsync(w => w.Key == key, ct);
    }

    private static void AddError(Dictionary<WidgetInput, string> errors, WidgetInput input, string? error)
    {
        if (error is not null) errors[input] = error;
    }
}
