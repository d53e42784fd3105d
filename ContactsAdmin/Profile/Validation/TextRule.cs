using System.Globalization;

namespace ContactsAdmin.Profile.Validation;

/// <summary>
/// Characters no identifier, key or device field may hold, on every path (UI, API, form, import): control characters
/// (NUL, line breaks, escapes), and invisible format characters (zero-width spaces and joiners U+200B–U+200D, the word
/// joiner U+2060, the byte-order mark U+FEFF, bidirectional overrides and isolates U+202A–U+202E and U+2066–U+2069).
/// They make two values that look alike differ (a second contact for "the same" address), or make a value read in
/// another order than it is stored. Names refuse them too, through their own list of what is allowed (<see cref="NameRule"/>).
/// </summary>
public static class TextRule
{
    /// <summary>The first character of <paramref name="value"/> that is refused, or null when there is none.</summary>
    public static char? FindInvisible(string? value)
    {
        if (value is null) return null;
        foreach (var c in value)
            if (IsInvisible(c)) return c;
        return null;
    }

    /// <summary>Control characters and Unicode's format characters (Cf: zero-width, bidi controls, BOM, soft hyphen), and line or paragraph separators.</summary>
    public static bool IsInvisible(char c) => CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>The message for <paramref name="label"/> holding <paramref name="c"/>, naming the character by its code point.</summary>
    public static string Message(string label, char c) =>
        $"{label} cannot contain invisible or control characters (found U+{(int)c:X4}).";

    /// <summary>Null when <paramref name="value"/> is clean, else the error to report.</summary>
    public static string? Check(string? value, string label) => FindInvisible(value) is { } c ? Message(label, c) : null;
}
