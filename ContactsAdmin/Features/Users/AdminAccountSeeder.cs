using System.Security.Cryptography;
using ContactsAdmin.Data;
using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Identity;

namespace ContactsAdmin.Features.Users;

/// <summary>What start-up did about the first Admin, so it can be told to the operator once.</summary>
public sealed record AdminAccountResult(string Email, bool Created, string? GeneratedPassword);

/// <summary>Creates the roles and, on first start, an Admin from Seed:AdminEmail / Seed:AdminPassword.</summary>
public sealed class AdminAccountSeeder(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    SeedOptions seed)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
        }
    }

    public async Task<AdminAccountResult> EnsureAsync()
    {
        await EnsureRolesAsync();

        var email = seed.AdminEmail.Trim();
        if (await users.FindByEmailAsync(email) is not null)
            return new AdminAccountResult(email, Created: false, GeneratedPassword: null);

        var configuredPassword = seed.AdminPassword;
        var password = string.IsNullOrEmpty(configuredPassword) ? GeneratePassword() : configuredPassword;
        var admin = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(admin, password), $"create the admin {email}");
        Check(await users.AddToRoleAsync(admin, Roles.Admin), $"make {email} an Admin");
        return new AdminAccountResult(email, Created: true, string.IsNullOrEmpty(configuredPassword) ? password : null);
    }

    /// <summary>16 characters with every class Identity's password rules ask for.</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "!@#$%*-_+=";
        const string all = lower + upper + digits + symbols;
        var chars = new List<char>
        {
            lower[RandomNumberGenerator.GetInt32(lower.Length)],
            upper[RandomNumberGenerator.GetInt32(upper.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)],
            symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 16)
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        return new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue))]);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
