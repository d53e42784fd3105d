using Microsoft.AspNetCore.Components;

namespace ContactsAdmin.Components.Account;

/// <summary>Redirects from the static account pages, refusing anything but local addresses.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public void RedirectTo(string? uri)
    {
        uri ??= "";

        // Prevent open redirects.
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative) || uri.StartsWith("//", StringComparison.Ordinal))
            uri = navigationManager.ToBaseRelativePath(uri);

        navigationManager.NavigateTo(uri);
    }
}
