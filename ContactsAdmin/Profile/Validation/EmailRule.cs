using System.Net.Mail;

namespace ContactsAdmin.Profile.Validation;

/// <summary>
/// Email addresses: trimmed, the domain lower-cased (the local part keeps its case, as mail servers may
/// honour it), at most 254 characters, syntactically valid. Uniqueness and the blacklist use
/// <see cref="Key"/>, the fully lower-cased form.
/// </summary>
public static class EmailRule
{
    public const int MaxLength = 254;

    public static FieldCheck<string?> Check(string? input)
    {
        var value = input?.Trim() ?? "";
        if (value.Length == 0) return FieldCheck<string?>.Ok(null);
        if (value.Length > MaxLength)
            return FieldCheck<string?>.Invalid($"Email can be at most {MaxLength} characters.");
        if (TextRule.Check(value, "Email") is { } invisible)
            return FieldCheck<string?>.Invalid(invisible);

        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1 || value.Contains(' ') || value.Contains(".."))
            return FieldCheck<string?>.Invalid("Enter an email address like name@example.com.");
        var domain = value[(at + 1)..];
        if (!domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.') || domain.StartsWith('-'))
            return FieldCheck<string?>.Invalid("The email's domain is not valid (it needs a dot, as in example.com).");
        if (!MailAddress.TryCreate(value, out var parsed) || parsed.Address != value || parsed.DisplayName.Length > 0)
            return FieldCheck<string?>.Invalid("Enter an email address like name@example.com.");

        return FieldCheck<string?>.Ok(value[..(at + 1)] + domain.ToLowerInvariant());
    }

    /// <summary>The form that identifies an address: unique per contact, and the blacklist's key.</summary>
    public static string Key(string email) => email.Trim().ToLowerInvariant();
}
