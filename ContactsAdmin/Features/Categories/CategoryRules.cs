using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Categories;

/// <summary>The inputs of a category an Admin types, named so an error can sit under its own field.</summary>
public enum CategoryInput { Name, Key, Description }

/// <summary>
/// What a subscription category's name, key and description may be. The key is what the API, forms and imports
/// send: lowercase letters, digits and underscores, starting with a letter, so it reads the same in a URL or a CSV.
/// </summary>
public static class CategoryRules
{
    public static FieldCheck<string> CheckName(string? input)
    {
        var name = input?.Trim() ?? "";
        if (name.Length == 0) return FieldCheck<string>.Invalid("Give the category a name.");
        if (name.Length > SubscriptionCategory.NameMaxLength)
            return FieldCheck<string>.Invalid($"The name can be at most {SubscriptionCategory.NameMaxLength} characters.");
        if (TextRule.Check(name, "The name") is { } invisible) return FieldCheck<string>.Invalid(invisible);
        return FieldCheck<string>.Ok(name);
    }

    public static FieldCheck<string> CheckKey(string? input)
    {
        var key = input?.Trim() ?? "";
        if (key.Length == 0) return FieldCheck<string>.Invalid("Give the category a key, e.g. newsletter.");
        if (key.Length > SubscriptionCategory.KeyMaxLength)
            return FieldCheck<string>.Invalid($"The key can be at most {SubscriptionCategory.KeyMaxLength} characters.");
        if (!IsAsciiLetterLower(key[0]) || !key.All(c => IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            return FieldCheck<string>.Invalid("Use lowercase letters, digits and underscores, starting with a letter.");
        return FieldCheck<string>.Ok(key);
    }

    /// <summary>An optional description: empty means none; line breaks are kept.</summary>
    public static FieldCheck<string?> CheckDescription(string? input)
    {
        var description = input?.Trim();
        if (string.IsNullOrEmpty(description)) return FieldCheck<string?>.Ok(null);
        if (description.Length > SubscriptionCategory.DescriptionMaxLength)
            return FieldCheck<string?>.Invalid($"The description can be at most {SubscriptionCategory.DescriptionMaxLength} characters.");
        return FieldCheck<string?>.Ok(description);
    }

    /// <summary>The key a name suggests: "Product updates!" gives product_updates (accents dropped, other characters joined by one underscore).</summary>
    public static string SuggestKey(string? name) =>
        // A key starts with a letter: "2026 offers" becomes c_2026_offers.
        SlugRule.Suggest(name, SubscriptionCategory.KeyMaxLength, separator: '_', digitPrefix: "c_");

    private static bool IsAsciiLetterLower(char c) => c is >= 'a' and <= 'z';
}
