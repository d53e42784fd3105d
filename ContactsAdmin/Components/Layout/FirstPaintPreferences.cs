using System.Security.Claims;
using ContactsAdmin.Features.Users;

namespace ContactsAdmin.Components.Layout;

/// <summary>
/// What the layout needs to draw a page the way this user sees it (time zone, theme) before the circuit exists, i.e.
/// while the page is prerendered on the server: the zone saved on the account, and the browser's zone and theme as
/// js/browser.js remembers them in cookies on every page (the sign-in page included). The layout persists this into the
/// circuit, so the interactive render draws the same page without asking the database or the browser again.
/// </summary>
/// <param name="SavedTimeZone">The account's zone; null when the user follows their browser.</param>
/// <param name="BrowserTimeZone">The browser's zone from its cookie; null on a first ever visit (dates show in UTC until the browser says).</param>
/// <param name="DarkMode">The theme the browser last used (its cookie); light when it never said.</param>
public sealed record FirstPaintPreferences(string? SavedTimeZone, string? BrowserTimeZone, bool DarkMode)
{
    /// <summary>The browser's IANA zone. Written by js/browser.js (rememberForFirstPaint), which names it the same.</summary>
    public const string TimeZoneCookie = "contactsadmin-timezone";

    /// <summary>"dark" or "light": the theme the page used last. Written by js/browser.js, which names it the same.</summary>
    public const string ThemeCookie = "contactsadmin-theme";

    /// <summary>Reads the request's cookies and, for a signed-in user, the zone saved on their account.</summary>
    public static async Task<FirstPaintPreferences> ReadAsync(HttpContext http, ClaimsPrincipal user, AccountPreferences accounts)
    {
        var saved = user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } userId ? await accounts.TimeZoneAsync(userId) : null;
        var cookies = http.Request.Cookies;
        return new FirstPaintPreferences(saved, cookies[TimeZoneCookie], cookies[ThemeCookie] == "dark");
    }
}
