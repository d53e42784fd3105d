using ContactsAdmin.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace ContactsAdmin.Components.Account;

internal static class AccountEndpoints
{
    /// <summary>The POST endpoints the account components need (sign-out from the app bar's form).</summary>
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        account.MapPost("/Logout", SignOutAsync)
            // Checked in the handler, so a missing or stale token is a 400 rather than an exception.
            .DisableAntiforgery();
        return account;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<ApplicationUser> signInManager)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
            return TypedResults.BadRequest();

        // A new stamp makes every copy of this user's cookie fail its next check, not only the browser's own.
        if (await signInManager.UserManager.GetUserAsync(context.User) is { } user)
            await signInManager.UserManager.UpdateSecurityStampAsync(user);
        await signInManager.SignOutAsync();

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return TypedResults.LocalRedirect(LocalReturnUrl.OrFallback(form["ReturnUrl"]));
    }
}
