using ContactsAdmin.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Users;

public sealed record CreatedUser(string Email, string Role, string? GeneratedPassword);

public enum AccountState { Active, Locked, Disabled }

/// <summary>A user as the Users page and `users list` show them.</summary>
public sealed record UserSummary(string Email, string Role, AccountState State, DateTimeOffset? LockedUntil)
{
    public string StateText => State switch
    {
        AccountState.Disabled => "disabled",
        AccountState.Locked => $"locked until {LockedUntil!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
        _ => "active",
    };
}

/// <summary>
/// Creates and manages sign-in accounts (there is no self-registration). Every change that takes access away
/// (role, disabling, password) renews the user's security stamp, which ends their open sessions within
/// <see cref="AccountSecurityOptions.RevalidationInterval"/>.
/// </summary>
public sealed class UserAccounts(UserManager<ApplicationUser> users, TimeProvider time)
{
    /// <exception cref="ArgumentException">The role is unknown, or Identity refuses the email or password.</exception>
    public async Task<CreatedUser> CreateAsync(string email, string role, string? password)
    {
        var knownRole = KnownRole(role);
        var generated = string.IsNullOrEmpty(password) ? AdminAccountSeeder.GeneratePassword() : null;
        var user = new ApplicationUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };

        Check(await users.CreateAsync(user, password ?? generated!));
        Check(await users.AddToRoleAsync(user, knownRole));
        return new CreatedUser(user.Email, knownRole, generated);
    }

    /// <summary>Gives the user exactly this role.</summary>
    /// <exception cref="ArgumentException">No such user or role, or it would leave no enabled Admin.</exception>
    public async Task ChangeRoleAsync(string email, string role)
    {
        var knownRole = KnownRole(role);
        var user = await FindAsync(email);
        if (knownRole != Roles.Admin) await RefuseRemovingTheLastAdminAsync(user, "take the Admin role from");
        var current = await users.GetRolesAsync(user);
        var removed = current.Where(r => r != knownRole).ToList();
        if (removed.Count > 0) Check(await users.RemoveFromRolesAsync(user, removed));
        if (!current.Contains(knownRole)) Check(await users.AddToRoleAsync(user, knownRole));
        // Identity leaves the stamp alone on role changes; the old role must not live on in a session.
        Check(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>The user can no longer sign in, and their open sessions end.</summary>
    /// <exception cref="ArgumentException">No such user, or they are the last enabled Admin.</exception>
    public async Task DisableAsync(string email)
    {
        var user = await FindAsync(email);
        await RefuseRemovingTheLastAdminAsync(user, "disable");
        // Identity's own way to keep an account out: a lockout that never ends.
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        Check(await users.UpdateSecurityStampAsync(user));
    }

    /// <exception cref="ArgumentException">No such user.</exception>
    public async Task EnableAsync(string email)
    {
        var user = await FindAsync(email);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
    }

    /// <summary>Ends a lockout after failed sign-ins (not a disabled account: that is <see cref="EnableAsync"/>).</summary>
    /// <exception cref="ArgumentException">No such user, or the account is disabled.</exception>
    public async Task UnlockAsync(string email)
    {
        var user = await FindAsync(email);
        if (IsDisabled(user))
            throw new ArgumentException($"{user.Email} is disabled, not locked; enable it instead.");
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
    }

    /// <summary>Sets a new password (generated when none is given) and ends the user's open sessions.</summary>
    /// <returns>The generated password, or null when one was given.</returns>
    /// <exception cref="ArgumentException">No such user, or Identity refuses the password.</exception>
    public async Task<string?> ResetPasswordAsync(string email, string? password)
    {
        var user = await FindAsync(email);
        var generated = string.IsNullOrEmpty(password) ? AdminAccountSeeder.GeneratePassword() : null;
        var newPassword = password ?? generated!;
        // Check the rules first, so a refused password never leaves the account without one.
        foreach (var validator in users.PasswordValidators)
            Check(await validator.ValidateAsync(users, user, newPassword));
        // Removing and adding the password both renew the security stamp.
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, newPassword));
        return generated;
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync()
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync();
        var summaries = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            var role = string.Join(", ", await users.GetRolesAsync(user));
            summaries.Add(new UserSummary(user.Email ?? user.UserName ?? user.Id, role.Length > 0 ? role : "no role", StateOf(user), user.LockoutEnd));
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

    private static string KnownRole(string role) =>
        Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}.", nameof(role));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new ArgumentException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
