using System.Text.Json;
using ContactsAdmin.Data;
using ContactsAdmin.Features.Activities;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Ingest;

public abstract record MessageStatusOutcome
{
    /// <summary>
    /// Stored. <paramref name="ActivityId"/> is null when no contact has the address: the email event is still
    /// recorded for the address (a blacklist belongs to the address, not to a contact).
    /// </summary>
    public sealed record Recorded(long? ActivityId, bool Created, long? ContactId, EmailStatus? EmailStatus) : MessageStatusOutcome;
    public sealed record Invalid(ApiErrors Errors) : MessageStatusOutcome;
    public sealed record Conflict(Resolution.Conflict Detail) : MessageStatusOutcome;
    public sealed record NotFound(string Detail) : MessageStatusOutcome;
}

/// <summary>
/// POST /messages/status: a delivery result becomes an activity and, for email, an email event, both
/// through <see cref="ActivityRecorder"/> (one transaction, so activity and email status never disagree).
/// </summary>
public sealed class MessageStatusIngest(
    IDbContextFactory<AppDbContext> dbFactory, ContactIngest contacts, ActivityRecorder activities, EmailStatusRecorder emailStatus)
{
    private static readonly Dictionary<string, ActivityChannel> Channels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = ActivityChannel.Email, ["sms"] = ActivityChannel.Sms, ["mobilepush"] = ActivityChannel.MobilePush,
        ["webpush"] = ActivityChannel.WebPush, ["appinbox"] = ActivityChannel.AppInbox, ["inapp"] = ActivityChannel.InApp,
    };

    public async Task<MessageStatusOutcome> RecordAsync(MessageStatusPayload payload, CancellationToken ct)
    {
        var (input, identifiers, errors) = Read(payload);
        if (input is null) return new MessageStatusOutcome.Invalid(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        long? contactId = null;
        if (payload.ContactId is { } id)
        {
            if (!await db.Contacts.AnyAsync(c => c.Id == id, ct)) return new MessageStatusOutcome.NotFound($"There is no contact #{id}.");
            contactId = id;
        }
        else
        {
            var resolution = await IdentityResolver.ResolveAsync(db, identifiers, ct);
            if (resolution is Resolution.Conflict conflict) return new MessageStatusOutcome.Conflict(conflict);
            if (resolution is Resolution.Found found) contactId = found.ContactId;
        }

        if (contactId is { } known)
        {
            var recorded = await activities.RecordAsync(input with { ContactId = known }, ct);
            var status = await db.Contacts.Where(c => c.Id == known).Select(c => (EmailStatus?)c.EmailStatus).SingleAsync(ct);
            return new MessageStatusOutcome.Recorded(recorded.Id, recorded.Created, known, input.Channel == ActivityChannel.Email ? status : null);
        }
        // No contact has the address, but what happened to it still counts for whoever gets it later.
        if (identifiers.Email is { } address && ActivityRecorder.EmailEventFor(input) is { } emailEvent)
        {
            emailEvent.Address = address;
            var state = await emailStatus.RecordAsync(emailEvent, ct: ct);
            return new MessageStatusOutcome.Recorded(null, true, null, state.Status);
        }
        return new MessageStatusOutcome.NotFound("No contact has the identifiers given. Name the contact by contactId, externalCustomerId, email or phone.");
    }

    private (ActivityInput? Input, ContactIdentifiers Identifiers, ApiErrors Errors) Read(MessageStatusPayload payload)
    {
        var errors = new ApiErrors();
        ActivityChannel channel = default;
        if (payload.Channel is null || !Channels.TryGetValue(payload.Channel.Trim(), out channel))
            errors.Add("channel", $"Use one of: {string.Join(", ", Channels.Keys)}.");
        var name = ContactPayloadReader.Text(payload.MessageName, "messageName", 200, errors);
        if (name is null) errors.Add("messageName", "Name the message, e.g. Spring sale.");
        MessageStatus status = default;
        if (payload.Status is null || !Enum.TryParse(payload.Status.Trim(), ignoreCase: true, out status) || !Enum.IsDefined(status) || int.TryParse(payload.Status, out _))
            errors.Add("status", $"Use one of: {string.Join(", ", Enum.GetNames<MessageStatus>())}.");
        var occurredAt = ApiTime.Read(payload.OccurredAt, "occurredAt", contacts.Now, errors);
        var bounce = ReadBounce(payload, status, errors);
        var keyValue = ContactPayloadReader.Text(payload.KeyValue, "keyValue", 200, errors);

        var identifiers = new ContactIdentifiers(
            errors.Take("externalCustomerId", ProfileRules.ExternalId(payload.ExternalCustomerId)),
            errors.Take("email", EmailRule.Check(payload.Email)),
            errors.Take("phone", PhoneRule.Check(payload.Phone, contacts.DefaultPhoneRegion)));
        if (payload.ContactId is null && identifiers.IsEmpty && !errors.Any)
            errors.Add("contactId", "Name the contact by contactId, externalCustomerId, email or phone.");
        if (errors.Any) return (null, identifiers, errors);

        var details = bounce is null ? null : JsonSerializer.Serialize(new
        {
            bounceType = bounce.IsHard ? "hard" : "soft", smtpCode = bounce.SmtpCode, diagnostic = bounce.Diagnostic,
        });
        var input = new ActivityInput(0, occurredAt, channel, name!, status, details, keyValue, Bounce: bounce);
        return (input, identifiers, errors);
    }

    private static MessageBounce? ReadBounce(MessageStatusPayload payload, MessageStatus status, ApiErrors errors)
    {
        var bounceType = payload.BounceType?.Trim().ToLowerInvariant();
        var smtpCode = ContactPayloadReader.Text(payload.SmtpCode, "smtpCode", 16, errors);
        var diagnostic = ContactPayloadReader.Text(payload.Diagnostic, "diagnostic", 1000, errors);
        if (status != MessageStatus.Undelivered)
        {
            if (bounceType is { Length: > 0 }) errors.Add("bounceType", "Only an Undelivered result has a bounce type.");
            if (smtpCode is not null) errors.Add("smtpCode", "Only an Undelivered result has an SMTP code.");
            return null;
        }
        if (bounceType is not (null or "" or "soft" or "hard")) errors.Add("bounceType", "Use soft or hard.");
        if (smtpCode is not null && !System.Text.RegularExpressions.Regex.IsMatch(smtpCode, @"^[245]\.\d{1,3}\.\d{1,3}$"))
            errors.Add("smtpCode", "Send the enhanced status code, e.g. 5.1.1.");
        return new MessageBounce(bounceType == "hard", smtpCode, diagnostic);
    }
}
