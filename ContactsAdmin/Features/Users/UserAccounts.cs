using System.Security.Claims;
using ContactsAdmin.Data;
using ContactsAdmin.Features.AuditLog;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Users;

public sealed record CreatedUser(string Email, string Role, string? GeneratedPassword);

public enum AccountState { Active, Locked, Disabled }

/// <summary>A user as the Users page and `users list` show them.</summary>
public sealed record UserSummary(string Email, string Role, AccountState State, DateTimeOffset? LockedUntil, DateTime? LastSignInAt = null)
{
    public string StateText => State switch
    {
        AccountState.Disabled => "disabled",
        AccountState.Locked => $"locked until {LockedUntil!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
        _ => "active",
    };
}

/// <summary>Identity refused a change; its errors keep their codes, so a form can put each under its field.</summary>
public sealed class AccountRefusedException(IReadOnlyList<IdentityError> errors)
    : ArgumentException(string.Join(" ", errors.Select(e => e.Description)))
{
    public IReadOnlyList<IdentityError> Errors { get; } = errors;
}

/// <summary>
/// Creates and manages sign-in accounts (there is no self-registration). Every change that takes access away
/// (role, disabling, password) renews the user's security stamp, which ends their open sessions within
/// <see cref="AccountSecurityOptions.RevalidationInterval"/>. Every change is written to the settings audit log
/// in the same transaction, as done by <c>actor</c> (the system when null: the command line). No snapshot holds a password.
/// </summary>
public sealed class UserAccounts(UserManager<ApplicationUser> users, AppDbContext db, TimeProvider time)
{
    /// <exception cref="ArgumentException">The role is unknown, or Identity refuses the email or password.</exception>
    public async Task<CreatedUser> CreateAsync(string email, string role, string? password, ClaimsPrincipal? actor = null)
    {
        var knownRole = KnownRole(role);
        var generated = string.IsNullOrEmpty(password) ? AdminAccountSeeder.GeneratePassword() : null;
        var user = new ApplicationUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };

        await using var transaction = await db.Database.BeginTransactionAsync();
        Check(await users.CreateAsync(user, password ?? generated!));
        Check(await users.AddToRoleAsync(user, knownRole));
        await RecordAsync(actor, user.Email, "Created", null, new { Role = knownRole, Password = generated is null ? "set by the Admin" : "generated" });
        await transaction.CommitAsync();
        return new CreatedUser(user.Email, knownRole, generated);
    }

    /// <summary>Gives the user exactly this role.</summary>
    /// <exception cref="ArgumentException">No such user or role, or it would leave no enabled Admin.</exception>
    public async Task ChangeRoleAsync(string email, string role, ClaimsPrincipal? actor = null)
    {
        var knownRole = KnownRole(role);
        var user = await FindAsync(email);
        if (knownRole != Roles.Admin) await RefuseRemovingTheLastAdminAsync(user, "take the Admin role from");
        var current = await users.GetRolesAsync(user);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var removed = current.Where(r => r != knownRole).ToList();
        if (removed.Count > 0) Check(await users.RemoveFromRolesAsync(user, removed));
        if (!current.Contains(knownRole)) Check(await users.AddToRoleAsync(user, knownRole));
        // Identity leaves the stamp alone on role changes; the old role must not live on in a session.
        Check(await users.UpdateSecurityStampAsync(user));
        if (current.Count != 1 || current[0] != knownRole)
            await RecordAsync(actor, user.Email!, "Role changed", new { Role = string.Join(", ", current) }, new { Role = knownRole });
        await transaction.CommitAsync();
    }

    /// <summary>The user can no longer sign in, and their open sessions end.</summary>
    /// <exception cref="ArgumentException">No such user, or they are the last enabled Admin.</exception>
    public async Task DisableAsync(string email, ClaimsPrincipal? actor = null)
    {
        var user = await FindAsync(email);
        await RefuseRemovingTheLastAdminAsync(user, "disable");
        var before = StateOf(user);
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Identity's own way to keep an account out: a lockout that never ends.
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        Check(await users.UpdateSecurityStampAsync(user));
        await RecordAsync(actor, user.Email!, "Disabled", new { State = before.ToString() }, new { State = nameof(AccountState.Disabled) });
        await transaction.CommitAsync();
    }

    /// <exception cref="ArgumentException">No such user.</exception>
    public async Task EnableAsync(string email, ClaimsPrincipal? actor = null)
    {
        var user = await FindAsync(email);
        var before = StateOf(user);
        await using var transaction = await db.Database.BeginTransactionAsync();
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        await RecordAsync(actor, user.Email!, "Enabled", new { State = before.ToString() }, new { State = nameof(AccountState.Active) });
        await transaction.CommitAsync();
    }

    /// <summary>Ends a lockout after failed sign-ins (not a disabled account: that is <see cref="EnableAsync"/>).</summary>
    /// <exception cref="ArgumentException">No such user, or the account is disabled.</exception>
    public async Task UnlockAsync(string email, ClaimsPrincipal? actor = null)
    {
        var user = await FindAsync(email);
        if (IsDisabled(user))
            throw new ArgumentException($"{user.Email} is disabled, not locked; enable it instead.");
        var before = StateOf(user);
        await using var transaction = await db.Database.BeginTransactionAsync();
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        await RecordAsync(actor, user.Email!, "Unlocked", new { State = before.ToString() }, new { State = nameof(AccountState.Active) });
        await transaction.CommitAsync();
    }

    /// <summary>Sets a new password (generated when none is given) and ends the user's open sessions.</summary>
    /// <returns>The generated password, or null when one was given.</returns>
    /// <exception cref="ArgumentException">No such user, or Identity refuses the password.</exception>
    public async Task<string?> ResetPasswordAsync(string email, string? password, ClaimsPrincipal? actor = null)
    {
        var user = await FindAsync(email);
        var generated = string.IsNullOrEmpty(password) ? AdminAccountSeeder.GeneratePassword() : null;
        var newPassword = password ?? generated!;
        // Check the rules first, so a refused password never leaves the account without one.
        await CheckPasswordRulesAsync(user, newPassword);
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Removing and adding the password both renew the security stamp.
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, newPassword));
        await RecordAsync(actor, user.Email!, "Password reset", null, new { Password = generated is null ? "set by the Admin" : "generated" });
        await transaction.CommitAsync();
        return generated;
    }

    /// <summary>The user's own change: needs their current password; renews the stamp, so their other sessions end.</summary>
    /// <exception cref="ArgumentException">No such user, or Identity refuses (wrong current password: code PasswordMismatch).</exception>
    public async Task ChangeOwnPasswordAsync(ApplicationUser user, string currentPassword, string newPassword, ClaimsPrincipal actor)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        Check(await users.ChangePasswordAsync(user, currentPassword, newPassword));
        await RecordAsync(actor, user.Email!, "Password changed", null, new { Password = "changed by the user" });
        await transaction.CommitAsync();
    }

    /// <summary>Identity's password rules alone (length, character kinds), as a refusal naming each broken rule.</summary>
    /// <exception cref="AccountRefusedException">The password breaks a rule.</exception>
    public async Task CheckPasswordRulesAsync(ApplicationUser user, string password)
    {
        foreach (var validator in users.PasswordValidators)
            Check(await validator.ValidateAsync(users, user, password));
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync()
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync();
        var summaries = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            var role = string.Join(", ", await users.GetRolesAsync(user));
            summaries.Add(new UserSummary(user.Email ?? user.UserName ?? user.Id, role.Length > 0 ? role : "no role", StateOf(user), user.LockoutEnd, user.LastSignInAt));
        }
        return summaries;
    }

    /// <summary>Disabled means locked out for good (see <see cref="DisableAsync"/>).</summary>
    public static bool IsDisabled(ApplicationUser user) => user.LockoutEnd == DateTimeOffset.MaxValue;

    private AccountState StateOf(ApplicationUser user) =>
        IsDisabled(user) ? AccountState.Disabled
        : user.LockoutEnd is { } end && end > time.GetUtcNow() ? AccountState.Locked
        : AccountState.Active;

    private async Task<ApplicationUser> FindAsync(string email) =>
        await users.FindByEmailAsync(email.Trim()) ?? throw new ArgumentException($"There is no user {email.Trim()}.");

    private async Task RefuseRemovingTheLastAdminAsync(ApplicationUser user, string action)
    {
        if (!await users.IsInRoleAsync(user, Roles.Admin) || IsDisabled(user)) return;
        var enabledAdmins = (await users.GetUsersInRoleAsync(Roles.Admin)).Count(admin => !IsDisabled(admin));
        if (enabledAdmins <= 1)
            throw new ArgumentException($"Cannot {action} {user.Email}: they are the only enabled Admin. Make another user an Admin first.");
    }

    /// <summary>The audit entry, saved inside the change's transaction (Identity's store shares this context).</summary>
    private async Task RecordAsync(ClaimsPrincipal? actor, string email, string action, object? before, object? after)
    {
        SettingsAudit.Record(db, actor, SettingsArea.User, email, action, before, after, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    private static string KnownRole(string role) =>
        Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}.", nameof(role));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new AccountRefusedException([.. result.Errors]);
    }
}
