using System.Text.Json;
using System.Text.Json.Nodes;
using ContactsAdmin.Data;
using ContactsAdmin.Features.EmailStatuses;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Activities;

/// <summary>A delivery failure as the sending side reports it.</summary>
public sealed record MessageBounce(bool IsHard, string? SmtpCode, string? Diagnostic);

/// <summary>One activity to record. <see cref="EventKey"/> makes recording idempotent.</summary>
public sealed record ActivityInput(
    long ContactId,
    DateTime OccurredAt,
    ActivityChannel Channel,
    string Name,
    MessageStatus? Status = null,
    string? Details = null,
    string? EventKey = null,
    int? WidgetId = null,
    string? SessionId = null,
    MessageBounce? Bounce = null,
    UnsubscribeReason? UnsubscribeReason = null);

/// <param name="Created">False when an activity with the same event key was already stored (nothing was written).</param>
public sealed record RecordedActivity(long Id, bool Created);

/// <summary>
/// Stores activities for the API and the app alike. An Email message's delivery result also becomes an
/// email event through <see cref="EmailStatusRecorder"/> in the same transaction, so the activity and the
/// email status can never disagree.
/// </summary>
public sealed class ActivityRecorder(IDbContextFactory<AppDbContext> dbFactory, EmailStatusRecorder emailStatus)
{
    public async Task<RecordedActivity> RecordAsync(ActivityInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ExistingAsync(db, input.EventKey, ct) is { } existing) return existing;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var activity = NewActivity(input);
        db.Activities.Add(activity);
        try
        {
            await db.SaveChangesAsync(ct);   // on PostgreSQL the save claims the key in ActivityEventKeys too
        }
        catch (DbUpdateException e) when (input.EventKey is not null && StoreUniqueViolation.Is(e))
        {
            // Another request stored the same event key a moment ago: that one counts.
            await transaction.RollbackAsync(ct);
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            return await ExistingAsync(fresh, input.EventKey, ct) ?? throw new InvalidOperationException("The duplicate event key vanished.", e);
        }

        if (EmailEventFor(input) is { } emailEvent)
        {
            var address = await db.Contacts.Where(c => c.Id == input.ContactId).Select(c => c.EmailNormalized).SingleOrDefaultAsync(ct);
            if (address is not null)
            {
                emailEvent.Address = address;
                await emailStatus.RecordAsync(db, emailEvent, actor: null, ct);
            }
        }
        await transaction.CommitAsync(ct);
        return new RecordedActivity(activity.Id, Created: true);
    }

    /// <summary>The row an input becomes (for writers that store many at once, e.g. the API's event writer).</summary>
    public static Activity NewActivity(ActivityInput input) => new()
    {
        ContactId = input.ContactId, OccurredAt = input.OccurredAt, Channel = input.Channel, Name = input.Name,
        Status = input.Status, Details = DetailsWithBounce(input), EventKey = input.EventKey, WidgetId = input.WidgetId, SessionId = input.SessionId,
    };

    /// <summary>The email event an Email message's status stands for (section 3), or null when it stands for none.</summary>
    public static EmailEvent? EmailEventFor(ActivityInput input)
    {
        if (input.Channel != ActivityChannel.Email || input.Status is not { } status) return null;
        var emailEvent = new EmailEvent { OccurredAt = input.OccurredAt, MessageName = input.Name };
        switch (status)
        {
            case MessageStatus.Delivered:
                emailEvent.Kind = EmailEventKind.Delivered;
                break;
            case MessageStatus.Undelivered:
                // Without a bounce type the failure is treated as temporary: only repeated ones blacklist.
                emailEvent.Kind = input.Bounce?.IsHard == true ? EmailEventKind.HardBounce : EmailEventKind.SoftBounce;
                emailEvent.SmtpCode = input.Bounce?.SmtpCode;
                emailEvent.Diagnostic = input.Bounce?.Diagnostic;
                break;
            case MessageStatus.Unsubscribed:
                emailEvent.Kind = EmailEventKind.Unsubscribed;
                emailEvent.UnsubscribeReason = input.UnsubscribeReason ?? UnsubscribeReason.UnsubscribeLink;
                break;
            case MessageStatus.Spam:
                emailEvent.Kind = EmailEventKind.SpamComplaint;
                break;
            default:
                return null;   // Read and Clicked say nothing the status rules use
        }
        return emailEvent;
    }

    /// <summary>
    /// The caller's details with the bounce added (bounceType, smtpCode, diagnostic), so the activity tab shows
    /// the bounce beside the message. Values the caller already gave win; details that are not a JSON object stay as given.
    /// </summary>
    public static string? DetailsWithBounce(ActivityInput input)
    {
        if (input.Bounce is not { } bounce) return input.Details;
        JsonObject details;
        try
        {
            if (input.Details is null) details = [];
            else if (JsonNode.Parse(input.Details) is JsonObject given) details = given;
            else return input.Details;
        }
        catch (JsonException)
        {
            return input.Details;
        }
        details["bounceType"] ??= bounce.IsHard ? "hard" : "soft";
        if (bounce.SmtpCode is not null) details["smtpCode"] ??= bounce.SmtpCode;
        if (bounce.Diagnostic is not null) details["diagnostic"] ??= bounce.Diagnostic;
        return details.ToJsonString();
    }

    private static async Task<RecordedActivity?> ExistingAsync(AppDbContext db, string? eventKey, CancellationToken ct)
    {
        if (eventKey is null) return null;
        var stored = await StoreEngine.Of(db).EventKeys.StoredAsync(db, [eventKey], ct);
        return stored.TryGetValue(eventKey, out var found) ? new RecordedActivity(found, Created: false) : null;
    }
}
