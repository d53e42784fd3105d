using Microsoft.AspNetCore.Identity;

namespace ContactsAdmin.Features.Users;

/// <summary>Identity's password rules in words, for the fields where a password is typed.</summary>
public static class PasswordPolicy
{
    public static string Describe(PasswordOptions rules)
    {
        var kinds = new List<string>();
        if (rules.RequireLowercase) kinds.Add("a lowercase letter");
        if (rules.RequireUppercase) kinds.Add("an uppercase letter");
        if (rules.RequireDigit) kinds.Add("a digit");
        if (rules.RequireNonAlphanumeric) kinds.Add("a symbol (such as ! or -)");
        var text = $"At least {rules.RequiredLength} characters";
        if (kinds.Count > 0) text += ", with " + (kinds.Count == 1 ? kinds[0] : string.Join(", ", kinds[..^1]) + " and " + kinds[^1]);
        return text + ".";
    }
}
