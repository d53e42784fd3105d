using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;

namespace ContactsAdmin.Features.Users;

/// <summary>The inputs of the Add user dialog, so each message sits under what was typed.</summary>
public enum UserInput { Email, Role, Password }

/// <summary>What an Admin types to add a user; a null password means "generate one and show it once".</summary>
public sealed record UserDraft(string? Email, string? Role, string? Password);

public abstract record UserOutcome
{
    private UserOutcome() { }

    public sealed record Done : UserOutcome;
    /// <summary>The user exists; <paramref name="OneTimePassword"/> is the generated password, to show once (null when the Admin chose one).</summary>
    public sealed record Created(string Email, string? OneTimePassword) : UserOutcome;
    /// <summary>A new generated password, to show once.</summary>
    public sealed record PasswordReset(string Password) : UserOutcome;
    public sealed record Invalid(IReadOnlyDictionary<UserInput, string> Errors) : UserOutcome;
    /// <summary>The user may not do this (not an Admin, the last Admin, no such user).</summary>
    public sealed record Refused(string Reason) : UserOutcome;
}

/// <summary>
/// The users an Admin manages at /settings/users. Every call asks the Admin policy again (the page was authorized
/// when it opened, and the caller's role may have been taken away since), then runs <see cref="UserAccounts"/> in
/// a scope of its own: Identity's stores hold a DbContext, one per operation rather than one per circuit.
/// </summary>
public sealed class UserSettings(IServiceScopeFactory scopes, IAuthorizationService authorization)
{
    private static readonly UserOutcome NotAllowed = new UserOutcome.Refused("Only Admins manage users.");

    public Task<IReadOnlyList<UserSummary>> ListAsync() => WithAccountsAsync(accounts => accounts.ListAsync());

    public async Task<UserOutcome> CreateAsync(UserDraft draft, ClaimsPrincipal user)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        var errors = new Dictionary<UserInput, string>();
        var email = EmailRule.Check(draft.Email);
        if (!email.IsValid) errors[UserInput.Email] = email.Error!;
        else if (email.Value is null) errors[UserInput.Email] = "Enter the email the user signs in with.";
        var role = Roles.All.FirstOrDefault(r => r == draft.Role);
        if (role is null) errors[UserInput.Role] = $"Choose a role: {string.Join(", ", Roles.All)}.";
        if (draft.Password is { Length: 0 }) errors[UserInput.Password] = "Type a password, or choose to generate one.";
        if (errors.Count > 0) return new UserOutcome.Invalid(errors);

        try
        {
            var created = await WithAccountsAsync(accounts => accounts.CreateAsync(email.Value!, role!, draft.Password, user));
            return new UserOutcome.Created(created.Email, created.GeneratedPassword);
        }
        catch (AccountRefusedException refused)
        {
            return new UserOutcome.Invalid(ByInput(refused));
        }
    }

    public async Task<UserOutcome> ChangeRoleAsync(string email, string role, ClaimsPrincipal user) =>
        await AdminActionAsync(user, async accounts => { await accounts.ChangeRoleAsync(email, role, user); return new UserOutcome.Done(); });

    public async Task<UserOutcome> DisableAsync(string email, ClaimsPrincipal user) =>
        await AdminActionAsync(user, async accounts => { await accounts.DisableAsync(email, user); return new UserOutcome.Done(); });

    public async Task<UserOutcome> EnableAsync(string email, ClaimsPrincipal user) =>
        await AdminActionAsync(user, async accounts => { await accounts.EnableAsync(email, user); return new UserOutcome.Done(); });

    public async Task<UserOutcome> UnlockAsync(string email, ClaimsPrincipal user) =>
        await AdminActionAsync(user, async accounts => { await accounts.UnlockAsync(email, user); return new UserOutcome.Done(); });

    /// <summary>A generated password replaces the user's; their open sessions end (the stamp is renewed).</summary>
    public async Task<UserOutcome> ResetPasswordAsync(string email, ClaimsPrincipal user) =>
        await AdminActionAsync(user, async accounts => new UserOutcome.PasswordReset((await accounts.ResetPasswordAsync(email, null, user))!));

    /// <summary>Identity's error codes name what they are about: put each under the email or the password field.</summary>
    private static Dictionary<UserInput, string> ByInput(AccountRefusedException refused)
    {
        var errors = new Dictionary<UserInput, string>();
        foreach (var error in refused.Errors)
        {
            var input = error.Code.StartsWith("Password", StringComparison.Ordinal) ? UserInput.Password : UserInput.Email;
            var message = error.Code is "DuplicateUserName" or "DuplicateEmail" ? "Another user already signs in with this email." : error.Description;
            errors[input] = errors.TryGetValue(input, out var earlier) ? (earlier == message ? earlier : $"{earlier} {message}") : message;
        }
        return errors;
    }

    private async Task<UserOutcome> AdminActionAsync(ClaimsPrincipal user, Func<UserAccounts, Task<UserOutcome>> action)
    {
        if (!await authorization.AllowsAsync(user, Policies.AdminOnly)) return NotAllowed;
        try
        {
            return await WithAccountsAsync(action);
        }
        catch (ArgumentException e)
        {
            return new UserOutcome.Refused(e.Message);
        }
    }

    private async Task<T> WithAccountsAsync<T>(Func<UserAccounts, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserAccounts>());
    }
}
