using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Validation;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.EmailStatuses;

/// <summary>What an email status action did.</summary>
public abstract record EmailActionOutcome
{
    public sealed record Done(EmailStatusState State) : EmailActionOutcome;
    /// <summary>The request was refused; <see cref="Reason"/> says why, in words for the user.</summary>
    public sealed record Refused(string Reason) : EmailActionOutcome;
}

/// <summary>
/// The email status actions people take: Marketers unsubscribe an address or record a resubscribe with the
/// contact's consent; Admins add addresses to the local blacklist and remove entries. Each is an email event
/// recorded through <see cref="EmailStatusRecorder"/>, with an audit entry on the contact. Who may do which is
/// the registered policies' rule (<see cref="Policies.CanEdit"/>, <see cref="Policies.AdminOnly"/>).
/// </summary>
public sealed class EmailStatusActions(IDbContextFactory<AppDbContext> dbFactory, EmailStatusRecorder recorder,
    IAuthorizationService authorization, TimeProvider clock)
{
    /// <param name="note">What the user typed with it (e.g. how the contact asked); kept on the email event.</param>
    public async Task<EmailActionOutcome> UnsubscribeAsync(string address, string? note, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return new EmailActionOutcome.Refused("Only Marketers and Admins can unsubscribe an address.");
        return await RecordAsync(address, user, EmailEventKind.Unsubscribed, e =>
        {
            e.UnsubscribeReason = UnsubscribeReason.ByUserOnRequest;
            e.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        }, ct);
    }

    public async Task<EmailActionOutcome> ResubscribeAsync(string address, string consentNote, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.CanEdit)) return new EmailActionOutcome.Refused("Only Marketers and Admins can record a resubscribe.");
        if (string.IsNullOrWhiteSpace(consentNote))
            return new EmailActionOutcome.Refused("Say how the contact gave consent (e.g. \"asked by phone on 3 March\"): a resubscribe needs explicit consent.");
        return await RecordAsync(address, user, EmailEventKind.Resubscribed, e => e.Note = consentNote.Trim(), ct);
    }

    /// <summary>Adds an address, with or without a contact, to the local blacklist.</summary>
    public async Task<EmailActionOutcome> BlacklistAsync(string address, string? note, ClaimsPrincipal user,
        BlacklistReason reason = BlacklistReason.Manual, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return new EmailActionOutcome.Refused("Only Admins can add addresses to the blacklist.");
        var check = EmailRule.Check(address);
        if (!check.IsValid || check.Value is null) return new EmailActionOutcome.Refused(check.Error ?? "Enter the address to blacklist.");
        if (await ActiveEntriesAsync(EmailRule.Key(check.Value), ct) is { Count: > 0 })
            return new EmailActionOutcome.Refused($"{check.Value} is already on the blacklist.");
        return await RecordAsync(check.Value, user, EmailEventKind.BlacklistAdded, e =>
        {
            e.BlacklistReason = reason;
            e.BlacklistScope = BlacklistScope.Local;
            e.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        }, ct);
    }

    /// <summary>
    /// Takes an address off the blacklist, ending every active entry. A System entry (added from delivery results)
    /// is removed only with a note; the UI asks for it after showing <see cref="WhySystemEntriesWereAddedAsync"/>.
    /// </summary>
    public async Task<EmailActionOutcome> RemoveFromBlacklistAsync(string address, string? note, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return new EmailActionOutcome.Refused("Only Admins can remove addresses from the blacklist.");
        var key = EmailRule.Key(address);
        var active = await ActiveEntriesAsync(key, ct);
        if (active.Count == 0) return new EmailActionOutcome.Refused($"{address} is not on the blacklist.");

        if (active.Any(e => e.Scope == BlacklistScope.System) && string.IsNullOrWhiteSpace(note))
            return new EmailActionOutcome.Refused("Removing an automatic (System) entry needs a note saying why it is safe to send again.");

        return await RecordAsync(key, user, EmailEventKind.BlacklistRemoved, e => e.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), ct);
    }

    /// <summary>Why the address's automatic (System) entries were added, for the removal confirmation; null when there are none.</summary>
    public async Task<string?> WhySystemEntriesWereAddedAsync(string address, CancellationToken ct = default)
    {
        var system = (await ActiveEntriesAsync(EmailRule.Key(address), ct)).Where(e => e.Scope == BlacklistScope.System).ToList();
        return system.Count == 0 ? null : string.Join(" ", system.Select(BlacklistReasonLabel.WhyAdded));
    }

    private async Task<List<BlacklistEntry>> ActiveEntriesAsync(string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BlacklistEntries.AsNoTracking().Where(b => b.Address == key && b.RemovedAt == null).ToListAsync(ct);
    }

    private async Task<EmailActionOutcome> RecordAsync(string address, ClaimsPrincipal user, EmailEventKind kind, Action<EmailEvent> details, CancellationToken ct)
    {
        var actor = user.Identity?.Name ?? "unknown user";
        var emailEvent = new EmailEvent { Address = address, Kind = kind, OccurredAt = clock.GetUtcNow().UtcDateTime, Actor = actor };
        details(emailEvent);
        try
        {
            var state = await recorder.RecordAsync(emailEvent, new EmailEventActor(actor, ChangeSource.User), ct);
            return new EmailActionOutcome.Done(state);
        }
        catch (Exception e) when (StoreBusy.Is(e))
        {
            return new EmailActionOutcome.Refused(StoreBusy.Message);
        }
    }
}
