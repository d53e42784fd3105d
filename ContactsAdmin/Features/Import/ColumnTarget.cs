using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Features.Import;

/// <summary>
/// Where a column of the file goes: one of the contact's own fields (the identifiers External ID, email and phone
/// among them), a custom field by its key, a subscription category by its key (a yes/no column), or nowhere. Its
/// <see cref="Text"/> ("Email", "custom:loyalty", "category:news", "skip") is how a mapping file names it.
/// </summary>
public abstract record ColumnTarget
{
    private const string CustomPrefix = "custom:";
    private const string CategoryPrefix = "category:";
    private const string SkipText = "skip";

    public sealed record Skip : ColumnTarget;

    public sealed record Profile(ProfileField Field) : ColumnTarget;

    public sealed record Custom(string Key) : ColumnTarget;

    public sealed record Category(string Key) : ColumnTarget;

    public static ColumnTarget Skipped { get; } = new Skip();

    public string Text => this switch
    {
        Profile p => p.Field.Key,
        Custom c => CustomPrefix + c.Key,
        Category c => CategoryPrefix + c.Key,
        _ => SkipText,
    };

    /// <summary>Reads <see cref="Text"/>; null when it names no field of <paramref name="fields"/>.</summary>
    public static ColumnTarget? Parse(string text, ProfileFieldTable fields)
    {
        var value = text.Trim();
        if (value.Length == 0 || value.Equals(SkipText, StringComparison.OrdinalIgnoreCase)) return Skipped;
        if (value.StartsWith(CustomPrefix, StringComparison.OrdinalIgnoreCase)) return new Custom(value[CustomPrefix.Length..].Trim());
        if (value.StartsWith(CategoryPrefix, StringComparison.OrdinalIgnoreCase)) return new Category(value[CategoryPrefix.Length..].Trim());
        return fields.Find(value) is { } field ? new Profile(field) : null;
    }
}
