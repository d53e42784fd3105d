using ContactsAdmin.Data;
using ContactsAdmin.Features.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace ContactsAdmin.Components.Account;

internal static class AccountEndpoints
{
    private const string CurrentPasswordField = PasswordChangeForm.CurrentPassword, NewPasswordField = PasswordChangeForm.NewPassword,
        ConfirmPasswordField = PasswordChangeForm.ConfirmPassword;

    /// <summary>
    /// The POST endpoints the account components need: each issues or ends the sign-in cookie, which only an HTTP
    /// response can do (an open page's circuit cannot set a cookie).
    /// </summary>
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        // Antiforgery is checked in the handlers, so a missing or stale token is a 400 rather than an exception.
        account.MapPost("/Logout", SignOutAsync).DisableAntiforgery();
        endpoints.MapPost(PasswordChangeForm.Path, ChangePasswordAsync).DisableAntiforgery();
        account.MapPost("/SignOutOtherSessions", SignOutOtherSessionsAsync).DisableAntiforgery();
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

    /// <summary>
    /// The signed-in user's own password change (the account page posts it with fetch): 204 with a fresh cookie for
    /// this browser, whose other sessions end as the stamp is renewed; 400 problem details naming each refused field.
    /// </summary>
    private static async Task<IResult> ChangePasswordAsync(HttpContext context, IAntiforgery antiforgery,
        SignInManager<ApplicationUser> signInManager, UserAccounts accounts)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
            return TypedResults.BadRequest();
        if (await signInManager.UserManager.GetUserAsync(context.User) is not { } user)
            return TypedResults.Unauthorized();

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string current = form[CurrentPasswordField].ToString(), next = form[NewPasswordField].ToString(), confirm = form[ConfirmPasswordField].ToString();
        var errors = new Dictionary<string, string[]>();
        // Every field is checked, so one answer names everything to fix.
        if (current.Length == 0) errors[CurrentPasswordField] = ["Enter your current password."];
        else if (!await signInManager.UserManager.CheckPasswordAsync(user, current)) errors[CurrentPasswordField] = [WrongCurrentPassword];
        if (next.Length == 0) errors[NewPasswordField] = ["Enter a new password."];
        else if (await RuleErrorsAsync(accounts, user, next) is { Length: > 0 } broken) errors[NewPasswordField] = broken;
        if (next.Length > 0 && next != confirm) errors[ConfirmPasswordField] = ["The two new passwords are not the same."];
        if (errors.Count == 0)
        {
            try
            {
                await accounts.ChangeOwnPasswordAsync(user, current, next, context.User);
            }
            catch (AccountRefusedException refused)
            {
                errors[NewPasswordField] = [.. refused.Errors.Select(e => e.Code == "PasswordMismatch" ? WrongCurrentPassword : e.Description)];
            }
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The password was not changed.");

        await signInManager.RefreshSignInAsync(user);
        return TypedResults.NoContent();
    }

    private const string WrongCurrentPassword = "This is not your current password.";

    private static async Task<string[]> RuleErrorsAsync(UserAccounts accounts, ApplicationUser user, string password)
    {
        try
        {
            await accounts.CheckPasswordRulesAsync(user, password);
            return [];
        }
        catch (AccountRefusedException refused)
        {
            return [.. refused.Errors.Select(e => e.Description)];
        }
    }

    /// <summary>A new stamp ends every other session of the user within the revalidation interval; this browser gets a fresh cookie.</summary>
    private static async Task<IResult> SignOutOtherSessionsAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<ApplicationUser> signInManager)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
            return TypedResults.BadRequest();
        if (await signInManager.UserManager.GetUserAsync(context.User) is not { } user)
            return TypedResults.Unauthorized();

        await signInManager.UserManager.UpdateSecurityStampAsync(user);
        await signInManager.RefreshSignInAsync(user);
        return TypedResults.LocalRedirect("/account?done=others");
    }
}
