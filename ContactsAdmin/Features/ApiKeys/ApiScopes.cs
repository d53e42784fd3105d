using System.Security.Claims;

namespace ContactsAdmin.Features.ApiKeys;

/// <summary>
/// What an API key may do. A key stores its scopes space-separated; a key with none may do everything
/// (keys made before scopes existed, and the command line's keys).
/// </summary>
public static class ApiScopes
{
    public const string ContactsRead = "contacts:read";
    public const string ContactsWrite = "contacts:write";
    public const string ContactsDelete = "contacts:delete";
    /// <summary>Erase for a data-protection request: apart from delete, as it also keeps the hashed suppression.</summary>
    public const string ContactsErase = "contacts:erase";
    /// <summary>A person's whole data (activities, history, email events): more than contacts:read's profile.</summary>
    public const string ContactsExportData = "contacts:export-data";
    public const string DevicesWrite = "devices:write";
    public const string EventsWrite = "events:write";
    public const string MessagesWrite = "messages:write";
    /// <summary>Saved segments and the ids of their members, for the systems that send to them.</summary>
    public const string SegmentsRead = "segments:read";

    public static readonly IReadOnlyList<string> All = [ContactsRead, ContactsWrite, ContactsDelete, ContactsErase, ContactsExportData, DevicesWrite, EventsWrite, MessagesWrite, SegmentsRead];

    public static string Describe(string scope) => scope switch
    {
        ContactsRead => "Read contacts",
        ContactsWrite => "Add and update contacts",
        ContactsDelete => "Delete contacts",
        ContactsErase => "Erase contacts (data-protection requests)",
        ContactsExportData => "Export a person's data",
        DevicesWrite => "Register devices",
        EventsWrite => "Send events",
        MessagesWrite => "Send delivery results",
        SegmentsRead => "Read segments and their members",
        _ => scope,
    };

    /// <summary>The claim type a signed-in key carries its scopes in; "*" for every scope.</summary>
    public const string ClaimType = "scope";
    public const string Everything = "*";

    /// <summary>The authorization policy that lets any active key through.</summary>
    public const string AnyKeyPolicy = "api:any-key";

    /// <summary>The authorization policy that lets a key with <paramref name="scope"/> through.</summary>
    public static string Policy(string scope) => "api:" + scope;

    public static IReadOnlyList<string> Parse(string? stored) =>
        (stored ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool Allows(ClaimsPrincipal key, string scope) =>
        key.HasClaim(ClaimType, Everything) || key.HasClaim(ClaimType, scope);
}
