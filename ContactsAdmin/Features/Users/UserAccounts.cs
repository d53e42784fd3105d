using ContactsAdmin.Data;
using Microsoft.AspNetCore.Identity;

namespace ContactsAdmin.Features.Users;

public sealed record CreatedUser(string Email, string Role, string? GeneratedPassword);

/// <summary>Creates sign-in accounts (there is no self-registration).</summary>
public sealed class UserAccounts(UserManager<ApplicationUser> users)
{
    /// <exception cref="ArgumentException">The role is unknown, or Identity refuses the email or password.</exception>
    public async Task<CreatedUser> CreateAsync(string email, string role, string? password)
    {
        var knownRole = Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}.", nameof(role));
        var generated = string.IsNullOrEmpty(password) ? AdminAccountSeeder.GeneratePassword() : null;
        var user = new ApplicationUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };

        var created = await users.CreateAsync(user, password ?? generated!);
        if (!created.Succeeded)
            throw new ArgumentException(string.Join(" ", created.Errors.Select(e => e.Description)));
        var inRole = await users.AddToRoleAsync(user, knownRole);
        if (!inRole.Succeeded)
            throw new ArgumentException(string.Join(" ", inRole.Errors.Select(e => e.Description)));
        return new CreatedUser(user.Email, knownRole, generated);
    }
}
