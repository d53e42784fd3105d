using Microsoft.AspNetCore.Components;

namespace ContactsAdmin.Components.Account;

/// <summary>Redirects from the static account pages, refusing anything but local addresses.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    /// <summary>Goes to <paramref name="uri"/> when it is a local path, else to <see cref="LocalReturnUrl.Fallback"/>.</summary>
    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalReturnUrl.OrFallback(uri));
}
