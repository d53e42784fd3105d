namespace ContactsAdmin.Components.Account;

/// <summary>Where sign-in and sign-out may send the browser afterwards: a path of this app, nothing else.</summary>
public static class LocalReturnUrl
{
    public const string Fallback = "/contacts";

    /// <summary>
    /// The address when it is a local path (one leading '/', no backslash, no control characters), else
    /// <see cref="Fallback"/>. Browsers read "//host" and "/\host" as another site.
    /// </summary>
    public static string OrFallback(string? url) => IsLocal(url) ? url! : Fallback;

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 }
        && url[0] == '/'
        && (url.Length == 1 || url[1] != '/')
        && !url.Contains('\\')
        && !url.Any(char.IsControl);
}
