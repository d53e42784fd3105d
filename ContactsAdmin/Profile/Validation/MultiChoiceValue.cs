using System.Linq.Expressions;
using ContactsAdmin.Data;
namespace ContactsAdmin.Profile.Validation;

/// <summary>
/// The one place a "several of a list" (<see cref="Data.CustomFieldType.MultiChoice"/>) value is encoded and decoded.
/// </summary>
/// <remarks>
/// Stored in <see cref="Data.CustomFieldValue.TextValue"/> as the chosen options in the definition's order, each
/// followed by a line feed and the whole led by one: "\nsport\ntravel\n". Every option then sits between two
/// separators, so "has option X" is exactly "the text contains \nX\n" (<see cref="Marker"/>), a substring test
/// that EF Core translates on SQLite (instr) and PostgreSQL (strpos) with no pattern characters to escape, and an
/// option that is part of another ("art" in "smart art") never matches it. Options cannot hold a line feed (a
/// single-line input names them). JSON was the other candidate; it needs a JSON function per store to filter by.
/// Forms, change sets and the filter carry the options one per line without the outer separators ("sport\ntravel",
/// see <see cref="Text"/>), the form of text every rule reads; people read them as "sport, travel" (<see cref="Readable"/>).
/// </remarks>
public static class MultiChoiceValue
{
    public const char Separator = '\n';

    /// <summary>The stored text for these options (already checked and in the definition's order).</summary>
    public static string Encode(IEnumerable<string> options) => Separator + string.Join(Separator, options) + Separator;

    /// <summary>The options of a stored value, or of a value as forms carry it; empty for null.</summary>
    public static IReadOnlyList<string> Decode(string? text) =>
        text?.Split([Separator, '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>What a stored value contains exactly when it has <paramref name="option"/>.</summary>
    public static string Marker(string option) => Separator + option + Separator;

    /// <summary>The options as forms, change sets and filters carry them: one per line.</summary>
    public static string Text(IEnumerable<string> options) => string.Join(Separator, options);

    /// <summary>The options as people read them: "sport, travel".</summary>
    public static string Readable(string? text) => string.Join(", ", Decode(text));

    /// <summary>
    /// A multi-choice value that has at least one of <paramref name="options"/>: one substring test per option
    /// (<see cref="Marker"/>), joined by OR; each marker is a constant of the SQL text.
    /// </summary>
    public static Expression<Func<CustomFieldValue, bool>> HasAnyOf(IReadOnlyList<string> options)
    {
        var value = Expression.Parameter(typeof(CustomFieldValue), "v");
        var text = Expression.Property(value, nameof(CustomFieldValue.TextValue));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        var any = options.Select(o => (Expression)Expression.Call(text, contains, Expression.Constant(Marker(o))))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<CustomFieldValue, bool>>(
            Expression.AndAlso(Expression.NotEqual(text, Expression.Constant(null, typeof(string))), any), value);
    }
}
