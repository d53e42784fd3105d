namespace ContactsAdmin.Features.Ingest.Payloads;

/// <summary>POST /contacts/erase: the contact to erase, named by exactly one identifier.</summary>
public sealed record ErasePayload(long? Id = null, string? Email = null, string? Phone = null, string? ExternalId = null);

/// <summary>What an erase kept: the email status the hashed email and phone keep (null when the address was mailable).</summary>
public sealed record EraseResponse(long Id, bool Erased, string? SuppressedStatus, int SuppressedIdentifiers);
