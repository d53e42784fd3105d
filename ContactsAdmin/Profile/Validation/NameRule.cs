using System.Globalization;
using System.Text;

namespace ContactsAdmin.Profile.Validation;

/// <summary>
/// First and last names: at most 40 characters of letters of any alphabet and spaces; apostrophes and
/// hyphens only inside words (O'Brien, Jean-Luc); up to 3 digits (Louis 14th is rare, but "Henry 3"
/// happens); a trailing dot only on a short word (Jr., St.). A value with no letter at all is refused.
/// </summary>
public static class NameRule
{
    public const int MaxLength = 40;
    private const int MaxDigits = 3;
    private const int MaxAbbreviationLength = 3;

    /// <summary>Checks a name; empty means "no name" and is valid. Inner runs of spaces collapse to one.</summary>
    public static FieldCheck<string?> Check(string? input, string label = "Name")
    {
        var value = CollapseSpaces(input);
        if (value.Length == 0) return FieldCheck<string?>.Ok(null);
        if (value.Length > MaxLength)
            return FieldCheck<string?>.Invalid($"{label} can be at most {MaxLength} characters.");
        // Refused below too (only letters, digits and a few marks pass), but said the same way as in identifiers.
        if (TextRule.Check(value, label) is { } invisible)
            return FieldCheck<string?>.Invalid(invisible);

        var letters = 0;
        var digits = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsLetter(c)) { letters++; continue; }
            if (char.IsDigit(c)) { digits++; continue; }
            if (c == ' ') continue;
            if (c is '\'' or '’' or '-')
            {
                if (!IsLetter(At(value, i - 1)) || !IsLetter(At(value, i + 1)))
                    return FieldCheck<string?>.Invalid($"{label}: apostrophes and hyphens go only inside a word, as in O'Brien or Jean-Luc.");
                continue;
            }
            if (c == '.')
            {
                if (!IsShortWordEnd(value, i))
                    return FieldCheck<string?>.Invalid($"{label}: a dot may only end a short word, as in Jr. or St.");
                continue;
            }
            return FieldCheck<string?>.Invalid($"{label} cannot contain '{c}'. Use letters, spaces, apostrophes and hyphens.");
        }

        if (letters == 0)
            return FieldCheck<string?>.Invalid($"{label} must contain letters, not only digits or symbols.");
        if (digits > MaxDigits)
            return FieldCheck<string?>.Invalid($"{label} can contain at most {MaxDigits} digits.");
        return FieldCheck<string?>.Ok(value);
    }

    // Letters of any alphabet, with their combining marks (e.g. decomposed accents, Devanagari vowel signs).
    private static bool IsLetter(char c) => char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static char At(string s, int i) => i >= 0 && i < s.Length ? s[i] : '\0';

    /// <summary>A dot right after 1–3 letters that start a word, and followed by a space or the end.</summary>
    private static bool IsShortWordEnd(string value, int dot)
    {
        if (At(value, dot + 1) is not (' ' or '\0')) return false;
        var start = dot;
        while (start > 0 && IsLetter(value[start - 1])) start--;
        var wordLength = dot - start;
        var startsWord = start == 0 || value[start - 1] == ' ';
        return startsWord && wordLength is > 0 and <= MaxAbbreviationLength;
    }

    private static string CollapseSpaces(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return "";
        var builder = new StringBuilder(input.Length);
        foreach (var c in input.Trim())
        {
            var isSpace = char.IsWhiteSpace(c);
            if (isSpace && builder.Length > 0 && builder[^1] == ' ') continue;
            builder.Append(isSpace ? ' ' : c);
        }
        return builder.ToString();
    }
}
