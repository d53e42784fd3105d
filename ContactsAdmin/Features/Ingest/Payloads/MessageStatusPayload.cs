using System.ComponentModel;

namespace ContactsAdmin.Features.Ingest.Payloads;

/// <summary>A delivery result from the sending side.</summary>
public sealed class MessageStatusPayload
{
    [Description("email, sms, mobilepush, webpush, appinbox or inapp.")]
    public string? Channel { get; init; }
    [Description("The message's name, e.g. Spring sale (at most 200 characters).")]
    public string? MessageName { get; init; }
    [Description("Delivered, Read, Clicked, Undelivered, Unsubscribed or Spam.")]
    public string? Status { get; init; }
    [Description("ISO 8601 with an offset, at most 10 years ago and a day ahead; now when left out.")]
    public string? OccurredAt { get; init; }
    [Description("soft or hard; only for Undelivered.")]
    public string? BounceType { get; init; }
    [Description("Enhanced status code, e.g. 5.1.1; only for Undelivered.")]
    public string? SmtpCode { get; init; }
    public string? Diagnostic { get; init; }
    [Description("Your id of this result: the same keyValue twice is stored once.")]
    public string? KeyValue { get; init; }
    [Description("The contact: by contactId, or by externalCustomerId, email or phone.")]
    public long? ContactId { get; init; }
    public string? ExternalCustomerId { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}
